# English strings. Every key here must also be in ko.ftl (a test checks).

app-title = Testimony Vault

## Case status
status-draft = Draft
status-complete = Complete
status-needs-follow-up = Needs follow-up

## Violation types
violation-execution = Execution
violation-public-execution = Public execution
violation-arbitrary-detention = Arbitrary detention
violation-torture = Torture
violation-forced-labour = Forced labour
violation-political-prison-camp = Political prison camp
violation-sexual-violence = Sexual violence
violation-forced-repatriation = Forced repatriation
violation-surveillance-search = Surveillance / search without warrant
violation-foreign-media = Punishment for foreign media
violation-guilt-by-association = Guilt by association
violation-other = Other

## Perpetrators
perpetrator-unknown = Unknown
perpetrator-mss = Ministry of State Security
perpetrator-mps = Ministry of Social Security
perpetrator-group-109 = "109 group"
perpetrator-military-security = Military security
perpetrator-other = Other

## Source of knowledge
source-direct-victim = Direct victim
source-eyewitness = Eyewitness
source-heard-from-others = Heard from others
source-documentary = Documentary

## Gender
gender-unspecified = Not stated
gender-female = Female
gender-male = Male
gender-other = Other

## Consent
consent-method-not-recorded = Not recorded
consent-method-oral = Oral
consent-method-written = Written
anonymity-full-name = Full name may be used
anonymity-pseudonym-only = Pseudonym only
anonymity-no-identifying-details = No identifying details

## Validation
problem-complete-without-consent = A case cannot be marked complete until consent is recorded (given, and how).
problem-missing-pseudonym = Give the interviewee a pseudonym.

## Vault errors
error-wrong-passphrase = The passphrase is not correct for this vault. Nothing was changed; try again.
error-damaged = The file { $file } is damaged or has been tampered with ({ $detail }). It was not opened; other files are unaffected.
error-newer-version = The file { $file } was written by a newer version of testimony-vault (format { $found }, this version reads up to { $supported }). Update the program; the file was not changed.
error-disk-full = The disk is full: { $path } could not be written. The previously saved version is intact; free some space and save again.
error-read-only = { $path } cannot be written (read-only or no permission). The previously saved version is intact.
error-already-open = This vault is already open in another testimony-vault window or process. Close it there first.
error-not-a-vault = { $dir } is not a testimony vault (no key file found).
error-already-exists = { $dir } already contains a vault or other files; choose an empty folder.
error-no-such-case = No case with id { $id } is in this vault.
error-weak-passphrase = The passphrase is too short: use at least { $min } characters.
error-encrypt = Could not encrypt { $what }: { $detail }. Nothing was written.
error-io = { $path }: { $detail }

## Attachments (recordings, photos, scans, maps)
attachments-heading = Attachments
attachments-none = No files attached.
attachment-add = Attach file…
attachment-drop-hint = Drop files here to attach them to this case. They are encrypted in the vault; the original file is not changed or removed.
attachment-description = Description
attachment-file-name = File
attachment-size = Size
attachment-kind = Kind
attachment-sha256 = SHA-256
attachment-added-by = Added { $at } by { $editor }
attachment-preview = Show
attachment-save-copy = Save decrypted copy…
attachment-export-warning = The copy you save will NOT be encrypted. Anyone who can open that folder or disk can read it. Delete it as soon as you no longer need it.
attachment-export-confirm = Save unencrypted copy
attachment-remove = Remove attachment
attachment-remove-confirm = Remove “{ $name }” from this case? Its encrypted file is deleted; the removal is recorded in the case history.
attachment-verifying = Checking…
attachment-verified = Intact: the content matches the SHA-256 recorded when it was attached.
attachment-encrypting = Encrypting { $name }…
attachment-added = Attached { $name } ({ $size } bytes, SHA-256 { $sha256 }) to case { $case }.
attachment-removed = Removed { $name } from case { $case }.
attachment-exported = Saved an unencrypted copy of { $name } to { $path }.
attachment-original-remains = The original file is still at { $path }, unencrypted. Delete it if it should not stay on this computer.
attachment-kind-png = PNG image
attachment-kind-jpeg = JPEG photo
attachment-kind-wav = WAV recording
attachment-kind-mp3 = MP3 recording
attachment-kind-m4a = M4A recording
attachment-kind-pdf = PDF document
attachment-kind-other = File
error-attachment-source = { $path } could not be read ({ $detail }). Nothing was attached.
error-attachment-missing = The encrypted file of the attachment “{ $name }” is missing ({ $file }). The case still records its name, size and SHA-256; restore the file from a backup.
error-no-such-attachment = No attachment with id { $id } is in this case.
error-too-large-to-preview = “{ $name }” is too large to show here ({ $size } bytes; the limit is { $max }). Save a copy instead.
error-export-into-vault = A decrypted copy cannot be saved inside the vault folder ({ $path }). Choose another folder.
