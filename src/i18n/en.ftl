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

## Bundles (export, import, merge) and the command line
profile-full = full
profile-pseudonymised = pseudonymised
profile-statistics-only = statistics only
bundle-error-not-for-us = This bundle was encrypted for someone else: none of your keys can open it. Nothing was imported.
bundle-error-wrong-passphrase = The bundle passphrase is not correct. Nothing was imported.
bundle-error-needs-passphrase = This bundle is protected by a passphrase; give it to open the bundle.
bundle-error-not-a-bundle = { $file } is not a testimony bundle ({ $detail }).
bundle-error-damaged = The bundle { $file } is damaged, truncated or has been tampered with ({ $detail }). Nothing was imported.
bundle-error-newer-format = The bundle { $file } was made by a newer version of testimony-vault (format { $found }, this version reads up to { $supported }). Update the program; nothing was imported.
bundle-error-no-recipients = Nobody to encrypt for: give a recipient (age1…), a recipients file, set the organisation's keys in the settings, or protect the bundle with a passphrase.
bundle-error-passphrase-and-recipients = A bundle is opened either with keys or with a passphrase, not both (age does not mix them). Make two bundles if both are needed.
bundle-error-bad-recipient = “{ $text }” is not an age public key (age1…): { $detail }
bundle-error-nothing-selected = No case matches the selection; no bundle was written.
bundle-error-output-exists = { $path } already exists; choose another file name. Nothing was written.
bundle-error-write = Could not write the bundle { $path }: { $detail }. No partial bundle was left behind.
bundle-error-read = Could not read { $path }: { $detail }
bundle-error-redaction = Could not redact a case: { $detail }. No bundle was written.
cli-error-no-terminal = No passphrase given and no terminal to ask on. Set { $env }, or use --passphrase-file or --passphrase-fd.
cli-error-passphrase-mismatch = The two passphrases differ. Nothing was changed.
cli-error-empty-passphrase = The passphrase is empty. Nothing was changed.
cli-error-bad-date = “{ $input }” is not a date: { $detail }
cli-error-no-vault-dir = No vault folder: give one with --vault.
cli-error-no-selection = Choose what to export: --all, --code, --status, --from or --until.
cli-error-file-exists = { $path } already exists; it was not replaced.
cli-error-window = could not open the window: { $detail }
cli-prompt-passphrase = Vault passphrase:{" "}
cli-prompt-new-passphrase = New passphrase:{" "}
cli-prompt-repeat = Repeat the passphrase:{" "}
cli-prompt-bundle-passphrase = Bundle passphrase:{" "}
cli-init-done = Created a new vault in { $dir }.
cli-vault-recipient = Vault public key: { $recipient }
cli-list-count = { $count } cases.
cli-col-code = Code
cli-col-status = Status
cli-col-interview = Interview
cli-col-pseudonym = Pseudonym
cli-col-revision = Rev.
cli-col-updated = Updated
cli-export-done = Exported { $count } cases to { $path } (profile: { $profile }).
cli-export-attachments-missing = { $count } attachments referenced by the cases were not in the vault and are not in the bundle.
cli-import-added = { $code }: added
cli-import-updated = { $code }: updated from revision { $from } to { $to }
cli-import-unchanged = { $code }: already up to date
cli-import-conflict = { $code }: changed in both places; this vault's version was kept and the other was stored as conflict { $id } to resolve
cli-import-conflict-known = { $code }: this conflict was already stored
cli-import-summary = Import finished: { $added } added, { $updated } updated, { $unchanged } unchanged, { $conflicts } conflicts.
cli-verify-ok = { $path }: intact. { $count } cases, { $attachments } attachments, profile { $profile }, exported { $exported } from vault { $vault }.
cli-keygen-written = Identity written to { $path } (keep it secret).
cli-keygen-public = Public key: { $recipient }
cli-passwd-done = Passphrase changed.
cli-conflicts-none = No conflicts.
cli-conflict-line = { $id }  { $code }: other version (revision { $revision }) from vault { $vault }
cli-resolve-done = { $code }: conflict resolved, now at revision { $revision }.
cli-list-conflicts = { $count } conflicts wait to be resolved (see: testimony-vault conflicts).
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

## Command line: attach
cli-error-no-such-code = No case with the code or id { $code } is in this vault. `testimony-vault list` shows the codes.
