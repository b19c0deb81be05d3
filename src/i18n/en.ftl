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
