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
violation-not-chosen = Choose…

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
source-not-chosen = Choose…

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
# New incidents start with no type chosen (form: "choose…")
problem-complete-without-incident-type = Choose the type of violation of every incident: a case cannot be marked complete without it.
problem-missing-pseudonym = Give the interviewee a pseudonym.

## Vault errors
error-wrong-passphrase = The passphrase is not correct for this vault. Nothing was changed; try again.
error-damaged = The file { $file } is damaged or has been tampered with ({ $detail }). It was not opened; other files are unaffected.
error-newer-version = The file { $file } was written by a newer version of testimony-vault (format { $found }, this version reads up to { $supported }). Update the program; the file was not changed.
error-disk-full = The disk is full: { $path } could not be written. The previously saved version is intact; free some space and save again.
error-read-only = { $path } cannot be written (read-only or no permission). The previously saved version is intact.
error-already-open = This vault is already open in another testimony-vault window or process. Close it there first.
error-already-open-by = This vault is already open in another testimony-vault window or process (process { $pid }). Close it there first.
error-not-a-vault = { $dir } is not a testimony vault (no key file found).
error-already-exists = { $dir } already contains a vault or other files; choose an empty folder.
error-no-such-case = No case with id { $id } is in this vault.
error-weak-passphrase = The passphrase is too short: use at least { $min } characters.
error-work-factor-range = The key derivation cost { $asked } is outside the range { $min }–{ $max } that unlocking accepts. Nothing was changed.
error-key-copy-used = The key file { $file } could not be used; the vault opened with its copy, and the key file was written again from it.
error-key-copy-rewritten = The copy of the key file, { $file }, differed from the key file (damage, or a passphrase change cut short) and was written again from it.
error-keys-erased = The keys of the vault in { $dir } were erased: nothing in this folder can be opened any more.
error-keys-erased-recoverable = The keys of the vault in { $dir } were erased: it cannot be opened with a passphrase. Your organisation can recover it with its recovery key (the command `recover`).
error-no-recovery = The vault in { $dir } has no recovery file: no organisation recovery key was set up for it.
error-not-a-recovery-key = The identity given does not open this vault's recovery file. Nothing was changed.
error-bad-recipient = “{ $text }” is not an age public key (age1…).
error-not-an-identity-file = { $path } is not an age identity file (expected AGE-SECRET-KEY-1… lines).
error-case-id-mismatch = The file { $file } holds another case ({ $code }, { $found }) than its name says: it was renamed or replaced by hand. It was left out; restore the folder from a backup.
error-shard-missing = Part { $shard } of the case index has vanished from the vault folder: cases it listed may have been removed with it, and they cannot be named. Restore the folder from a backup if cases are missing.
error-encrypt = Could not encrypt { $what }: { $detail }. Nothing was written.
error-io = { $path }: { $detail }

## Desktop interface (src/ui)
unlock-tagline = Offline, encrypted record of testimony. Nothing leaves this computer.
unlock-folder = Vault folder
unlock-use-default = Use default
unlock-mode-open = A vault exists in this folder. Enter its passphrase.
unlock-mode-create = No vault in this folder yet: a new one will be created.
unlock-passphrase = Passphrase
unlock-confirm = Repeat passphrase
unlock-show = Show passphrase
unlock-open = Unlock
unlock-create = Create vault
unlock-busy-open = Unlocking… this takes a few seconds on purpose, to slow down guessing.
unlock-busy-create = Creating the vault… this takes a few seconds on purpose.
unlock-strength-too-short = Too short: use at least { $min } characters.
unlock-strength-weak = Weak: a longer phrase of several words is much harder to guess.
unlock-strength-fair = Fair: longer is better.
unlock-strength-strong = Strong.
unlock-mismatch = The two passphrases differ.
unlock-empty = Type the passphrase.
unlock-no-folder = Choose a folder for the vault.
app-thread-failed = Could not start background work: { $detail }
app-unlock-crashed = Unlocking stopped unexpectedly. Nothing was changed; try again.
app-draft-gone = This draft has disappeared.
app-read-only = This vault's folder cannot be written: you can read cases, but saving is off.
app-read-only-short = Read-only
app-search-stopped = Full-text search stopped; searching codes, pseudonyms and provinces only.
app-lock-draft-failed = Not locked: the unsaved edits could not be written as a draft ({ $detail }). Save the case or close the form, then lock again.
app-locked-idle = Locked after { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} without activity.
# The idle lock's countdown in the top bar (its last 30 seconds)
idle-countdown = Locking in { $seconds } s: press a key or move the mouse to stay
app-editor-unknown = unnamed editor
app-dismiss = Dismiss
nav-cases = Cases
nav-settings = Settings
nav-lock = Lock
nav-lock-hint = Lock now (Ctrl+L): clears all decrypted data from memory.

## Keyboard shortcuts and the help overlay (F1)
help-title = Keyboard shortcuts
help-save = Save the case in the form
help-new-case = New case
help-search = Search the cases
help-close-form = Close the form (asks first when there are unsaved changes)
help-lock = Lock now
help-help = Show or hide this list
help-keys-tab = Next / previous field (stays in the form)
help-keys-arrows = In a place field: highlight a suggestion
help-keys-enter = In a place field: take the highlighted suggestion (or the first); in a list: choose
help-keys-escape = Close a suggestion list or this overlay
help-close = Close
help-hint = F1: keyboard shortcuts
list-new-case = New case
list-search = Search
list-search-hint = words in any field, Korean or English
list-loading-text = Preparing full-text search…
list-filter-status = Status
list-filter-violation = Violation
list-filter-province = Province
list-filter-from = Interviewed from
list-filter-to = to
list-filter-any = Any
list-filter-clear = Clear filters
list-filter-bad-date = The date "{ $input }" is not understood: { $detail }
list-count = { $shown } of { $total ->
    [one] 1 case
   *[other] { $total } cases
}
list-damaged = { $count ->
    [one] 1 problem
   *[other] { $count } problems
} with the vault's files (details)
list-empty = No cases yet. Start with "New case".
list-no-match = No case matches the search and filters.
# Empty search: how to see the cases again.
list-no-match-how = The search box and the filters above decide what is shown.
list-clear-search = Clear the search and filters
list-col-code = Code
list-col-pseudonym = Pseudonym
list-col-date = Interview date
list-col-status = Status
list-col-incidents = Incidents
list-col-updated = Last edited
list-edit = Edit
list-saved = { $code } saved.
form-save = Save
form-close = Close
form-unsaved = Unsaved changes (autosaved as an encrypted draft)
form-saved = All changes saved
form-autosaved = Draft autosaved at { $time }
form-autosave-failed = Autosave failed: { $detail } Your edits are still here; save again when the problem is fixed.
form-save-failed = Not saved: { $detail }
form-saved-revision = Saved as revision { $revision }.
# Saving is never blocked: a case that cannot be Complete is saved as it was
form-saved-not-complete = Saved as revision { $revision }, but not as Complete.
form-go-to-consent = Consent ›
form-unchanged = Nothing changed since the last save.
form-restored-draft = Unsaved edits restored from autosave.
form-fix-fields = Fix the fields marked in red first.
form-bad-number = Use a number from { $min } to { $max }.
# Approximate years (model::Year)
form-bad-year = Type a year from 1900 to 2100: 2019, or ~2019, 2019?, around 2019, c. 2019 when it is not certain.
form-sensitive = identifying
form-sensitive-hint = Identifying detail: removed from redacted exports. Record only what the witness agreed to.
form-sensitive-explain = Fields marked ◆ identify the witness or their family.
form-section-interview = Interview
form-section-interviewee = Interviewee
form-section-consent = Consent
form-section-incidents = Incidents
form-section-narrative = Narrative
form-section-notes = Notes and follow-up
form-section-attachments = Attachments
form-status = Status
form-interview-date = Interview date
form-interview-place = Place of interview
form-language = Language
form-language-korean = Korean
form-language-english = English
form-language-other = Other
form-language-other-hint = which language
form-interviewer = Interviewer
form-interpreter = Interpreter
form-duration = Duration (minutes)
form-tags = Tags (comma-separated)
form-pseudonym = Pseudonym
form-real-name = Real name
form-gender = Gender
form-birth-year = Birth year
form-home-province = Home province
form-home-county = Home county
form-departure-year = Year left North Korea
form-arrival-year = Year arrived
form-current-country = Country of residence
form-contact = Contact
# Redaction that holds: per-case identifying words
form-identifying-words = Identifying words
form-identifying-words-hint = Family members' names, village, workplace, nickname… (comma-separated; always removed from redacted bundles)
form-consent-given = Consent given
form-consent-date = Consent date
form-consent-method = How consent was given
form-share-un = May be shared with the UN
form-share-ngos = May be shared with NGOs
form-use-in-court = May be used in court
form-quote-publicly = May be quoted publicly
form-anonymity = Anonymity
form-consent-not-recorded = Consent is not recorded yet: the case cannot be marked complete.
form-incident-title = Incident { $n }
form-incident-remove = Remove incident { $n }
form-incident-remove-confirm = Remove this incident and its text?
form-incident-remove-yes = Yes, remove
form-incident-remove-no = Keep it
form-incident-add = Add incident
form-violation = Violation
form-violation-other = Describe the violation
form-incident-date = When
form-incident-province = Province
form-incident-county = County
form-incident-place = Place
form-victims = Victims (pseudonyms, comma-separated)
form-perpetrator = Perpetrator
form-perpetrator-detail = Perpetrator detail
form-source = How the witness knows
form-incident-narrative = What happened
form-narrative = The witness's account, in their words
form-narrative-hint = Type or paste the account here. Korean and English are both fine.
form-interviewer-notes = Interviewer notes
form-credibility-notes = Credibility notes
form-follow-up = Follow-up
form-attachments-none = No attachments.
date-error-unrecognised = use 2024-09-03, 2024-09, 2024, 2024.09 or 2024년 9월; ~ marks an approximate date.
date-error-bad-month = the month must be 1 to 12.
date-error-bad-day = that day does not exist in that month.
date-error-bad-year = the year must be between 1900 and 2100.
review-back = Back to cases
review-edit = Edit
review-has-draft = This case has unsaved edits in an autosaved draft; Edit opens them.
review-title = Testimony record
review-meta = Status: { $status } · revision { $revision } · last edited { $updated }
review-yes = Yes
review-no = No
review-none = None recorded.
review-history = Edit history
review-history-empty = Not saved yet.
review-history-revision = Revision
review-history-when = When
review-history-editor = Editor
review-history-note = Note
review-history-fields = Changed fields
# History people can read: changed fields as the form labels them
history-incident-added = Incident { $n } added
history-incident-removed = Incident { $n } removed
history-attachment-added = Attachment added
history-attachment-removed = Attachment removed
# History people can read: open a revision, compare two (model::history)
history-created = Created
history-imported = Imported from a bundle
history-content = Content
history-content-kept = kept, checked
history-content-not-kept = not kept
history-content-mismatch = does not match its hash
history-not-kept-explain = Revisions marked “not kept” were saved before Testimony Vault kept earlier versions, or came from another copy of the case: only their date, editor and changed fields are known.
history-mismatch-explain = A revision marked “does not match its hash” cannot be shown: what the history keeps does not give the content that revision recorded. The case file was changed outside the program; keep a copy of the vault folder for examination.
history-open = Open
history-open-revision = Open revision { $n }
history-compare-from-revision = Compare from revision { $n }
history-compare-to-revision = Compare to revision { $n }
history-compare = Compare
history-compare-from = From
history-compare-to = To
history-back = Back to the current version
history-viewing = Revision { $number } of { $count }, saved { $when } by { $editor }. Read-only: this is the case as it was then.
history-compare-title = Changes from revision { $from } to revision { $to }
history-compare-none = Nothing differs between revision { $from } and revision { $to }.
history-compare-legend = Inserted words are underlined on green, deleted words struck through on red.
history-compare-empty-value = (empty)
history-cli-line = { $number }  { $when }  { $editor }  [{ $content }]  { $fields }
cli-cmd-history = List a case's revisions, or compare two of them word by word
cli-arg-history-case = Case code (NK-2026-0042) or id
cli-arg-history-diff = Compare two revisions: --diff 1 3 ([-deleted-] and {"{"}+inserted+{"}"} words)
cli-arg-history-json = Print JSON instead of lines
cli-value-from = FROM
cli-value-to = TO
cli-arg-show-revision = Print the case as it was at revision N (read-only)
cli-error-no-such-revision = { $code } has no revision { $number }: it has { $count }.
cli-error-revision-not-kept = The content of { $code } revision { $number } was not kept: it was saved before Testimony Vault kept earlier versions, or came from another copy of the case. Its date, editor and changed fields are in `history { $code }`.
cli-error-revision-mismatch = { $code } revision { $number } cannot be shown: what the history keeps does not give the content that revision recorded (its hash differs). The case file was changed outside the program; keep a copy of the vault folder for examination.
settings-title = Settings
keys-title = Keys
keys-recovery = Organisation recovery keys
keys-recovery-hint = age public keys (age1…) of your organisation, one a line. The vault key is also wrapped to them (recovery.age), so the organisation can set a new passphrase if yours is forgotten, or after an erase. Keep their identities off this laptop.
keys-recovery-save = Save recovery keys
keys-recovery-saved = { $count ->
    [0] No recovery key: recovery.age was removed.
    [one] The vault key is wrapped to 1 recovery key.
   *[other] The vault key is wrapped to { $count } recovery keys.
}
keys-rotate-hint = Changing the passphrase keeps the vault key: an old copy of the key file still opens with the old passphrase. Rotating makes a new vault key, encrypts every file again under it and destroys the old key.
keys-rotate-passphrase = Passphrase
keys-rotate = Rotate the vault key
keys-rotating = Encrypting every file under a new vault key…
keys-erase-hint = Emergency erase destroys every copy of the vault's keys at once: nothing here can be opened any more, except by your organisation with its recovery key.
keys-erase = Erase the keys…
keys-erase-confirm-text = This cannot be undone.
keys-erase-confirm = Erase now
keys-erase-cancel = Cancel
keys-erased = The vault's keys were erased. Nothing in the folder can be opened any more.
keys-erased-recoverable = The vault's keys were erased. Your organisation can still recover the vault with its recovery key.
keys-erase-failed = The keys could not all be erased: { $detail }
unlock-recover-toggle = Forgotten passphrase? Recover with the organisation's key
unlock-recover-identity = Recovery identity file
unlock-recover-new = New passphrase
unlock-recover-button = Recover and open
settings-idle = Lock after idle (minutes)
settings-idle-hint = 0 turns the idle lock off (not advised).
# Readable at small sizes: the larger-text setting
settings-larger-text = Larger text (a quarter larger everywhere)
# Leaving Settings with unsaved changes asks first
settings-unsaved = These settings are not saved.
settings-discard = Discard changes
settings-bad-idle = Use a whole number of minutes, 0 to 1440.
settings-language = Interface language
settings-language-system = System default
settings-editor = Your name (written in the edit history)
settings-editor-hint = e.g. Interviewer A
settings-recipients = Organisation public keys for export
settings-recipients-hint = One age public key (age1…) a line. Exports are encrypted to these keys.
settings-bad-recipient = Line { $line } is not an age public key (age1…).
settings-vault-key = This vault's public key
# Settings and import: the signing key and trusted signers.
settings-signing = This vault's signing key
settings-signing-fingerprint = Fingerprint (read it aloud to whoever trusts this vault)
settings-signing-public-key = Public key (give it to whoever imports this vault's bundles)
settings-signing-none = This vault has no usable signing key (see the message shown when it was opened). Nothing is lost; bundles cannot be exported until it is back.
settings-trusted = Trusted signers: whose bundles this vault imports
settings-trusted-none = No other signer is trusted yet.
settings-trusted-remove = Stop trusting
settings-trusted-key = Public key to trust (ssh-ed25519 …)
settings-trusted-key-hint = ssh-ed25519 AAAA…
settings-trusted-name = Name of its owner
settings-trusted-add = Trust this key
settings-trusted-added = Now trusted: { $name }.
settings-trusted-removed = No longer trusted: { $name }. Cases already imported stay.
import-untrusted-fingerprint = Signer's fingerprint
import-untrusted-explain = Compare this fingerprint with the sender (by phone or in person) before you trust them.
import-untrusted-name = Name for this signer
import-trust-and-import = Trust this signer and import
review-history-signature = Signature
settings-save = Save settings
settings-saved = Settings saved.
drafts-title = Unsaved work found
drafts-explain = These edits were autosaved but never saved. Open them to review and save, or discard them. Cases marked * were never saved at all.
drafts-restore = Open
drafts-discard = Discard
drafts-later = Decide later
leave-title = Unsaved changes
leave-explain = This case has changes that are not saved yet. They are kept as an encrypted draft, but are not part of the record until saved.
leave-save = Save and continue
leave-discard = Discard changes
leave-stay = Keep editing
close-title = Close with unsaved changes?
close-explain = This case has changes that are not saved yet. An encrypted draft is on disk and will be offered when you next unlock.
close-save = Save and close
close-keep-draft = Close, keep the draft
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
# Consent-aware export: every selected case held back.
bundle-error-all-held-back = { $count ->
    [one] The selected case was
   *[other] All { $count } selected cases were
} left out: consent does not cover this export. Nothing was written. Include a case explicitly only if the witness agreed.
bundle-error-output-exists = { $path } already exists; choose another file name. Nothing was written.
bundle-error-write = Could not write the bundle { $path }: { $detail }. No partial bundle was left behind.
bundle-error-read = Could not read { $path }: { $detail }
bundle-error-redaction = Could not redact a case: { $detail }. No bundle was written.
# Custody: bundle signatures, checked before anything is imported.
custody-error-unsigned = The bundle { $file } is not signed (it was made by an older version, or its signature was removed). Nothing was imported: ask the sender for a bundle made by this version.
custody-error-bad-signature = The bundle { $file } was changed after it was signed, or its signature is not valid ({ $detail }). Signer's fingerprint: { $fingerprint }. Nothing was imported.
custody-error-unknown-signer = The bundle { $file } is signed by a key this vault does not trust. Signer's fingerprint: { $fingerprint }. Nothing was imported. If you know this signer, compare the fingerprint with them (by phone or in person), then trust the signer and import.
custody-error-bad-revision = Revision { $number } of case { $code } in the bundle { $file } carries a signature that does not check ({ $detail }; signer { $fingerprint }): it was changed after it was signed. Nothing was imported.
custody-error-foreign-attachment = Case { $code } in the bundle { $file } refers to an attachment ({ $attachment }) that belongs to another case in this vault. Nothing was imported.
custody-error-signer-name-missing = Give a name for the signer to trust. Nothing was imported.
signer-this-vault = this vault
signing-unavailable-see-open-report = see the message shown when the vault was opened
signing-unavailable-read-only = the vault folder is read-only, so a key could not be made
revision-unsigned = unsigned (older version)
revision-signature-valid = signed by { $signer }, checks
revision-signature-invalid = signature does not check ({ $signer })
revision-signature-redacted = signed by { $signer }; not checkable in this redacted copy
import-signed-by = Signed by { $signer } (fingerprint { $fingerprint }); the signature checks.
## Interchange: case documents (JSON) in and out, tables in and out
interchange-at-document = document { $number } (line { $line })
interchange-at-row = row { $line }
interchange-field = field { $field }
interchange-problem-syntax = not valid JSON ({ $detail })
interchange-problem-not-utf8 = not UTF-8 text
interchange-problem-not-an-object = not a case document (a JSON object with the record's field names)
interchange-problem-unknown-field = the record has no such field
interchange-problem-bad-value = { $detail }
interchange-problem-too-long = longer than { $limit } bytes
interchange-problem-attachments = attachments cannot come in by reference; attach the files with “attach”
interchange-problem-complete-without-consent = marked complete without recorded consent
interchange-problem-not-yes-no = “{ $text }” is not yes or no
interchange-problem-not-a-choice = “{ $text }” is not one of: { $choices }
interchange-error-refused = { $count ->
    [one] 1 problem
   *[other] { $count } problems
}; nothing was added:
interchange-error-more = … and { $count } more
interchange-error-empty = { $path } holds no case. Nothing was added.
interchange-error-encoding = { $path } is neither UTF-8 nor CP949 (EUC-KR) text. Save it as CSV UTF-8 and try again; nothing was added.
interchange-error-unknown-format = { $path } is not a CSV or XLSX file (by its name ending or content).
interchange-error-unknown-column = The column “{ $name }” is not one this program knows. Name it in a mapping file (--mapping) or remove it; nothing was added.
interchange-error-mapping = The mapping file { $path }, line { $line }: { $detail }
interchange-error-spreadsheet = Could not read the spreadsheet { $path }: { $detail }
interchange-error-read = Could not read { $path }: { $detail }
interchange-error-write = Could not write { $path }: { $detail }. No partial file was left behind.
interchange-error-output-exists = { $path } already exists; choose another file name. Nothing was written.
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
cli-list-count = { $count ->
    [one] 1 case.
   *[other] { $count } cases.
}
cli-col-code = Code
cli-col-status = Status
cli-col-interview = Interview
cli-col-pseudonym = Pseudonym
cli-col-revision = Rev.
cli-col-updated = Updated
cli-export-attachments-missing = { $count ->
    [one] 1 attachment referenced by the cases was not in the vault and is
   *[other] { $count } attachments referenced by the cases were not in the vault and are
} not in the bundle.
cli-import-added = { $code }: added
cli-import-updated = { $code }: updated from revision { $from } to { $to }
cli-import-unchanged = { $code }: already up to date
cli-import-conflict = { $code }: changed in both places; this vault's version was kept and the other was stored as conflict { $id } to resolve
cli-import-conflict-known = { $code }: this conflict was already stored
cli-verify-ok = { $path }: intact. { $count ->
    [one] 1 case
   *[other] { $count } cases
}, { $attachments ->
    [one] 1 attachment
   *[other] { $attachments } attachments
}, profile { $profile }, exported { $exported } from vault { $vault }.
cli-keygen-written = Identity written to { $path } (keep it secret).
cli-keygen-public = Public key: { $recipient }
cli-passwd-done = Passphrase changed.
cli-passwd-not-rotated = The vault key itself was not changed: an old copy of the key file still opens with the old passphrase. To make old copies useless, run `testimony-vault rotate-key`.
cli-init-recovery = The vault key is also wrapped to { $count ->
    [one] 1 organisation recovery key
   *[other] { $count } organisation recovery keys
} (recovery.age).
cli-recover-done = A new passphrase is set for the vault in { $dir } ({ $cases } cases); the old passphrase no longer opens it.
cli-rotate-done = A new vault key is in place: { $files } files were encrypted again, and the old key was destroyed.
cli-erase-done = Erased { $files } key files in { $dir }: the vault can no longer be opened with a passphrase.
cli-erase-recoverable = Your organisation can still recover the vault from this folder with its recovery key.
cli-erase-not-recoverable = No recovery key was set up: nothing in this folder can be opened any more.
cli-error-erase-needs-yes = Erase destroys the vault's keys at once and cannot be undone. Run `testimony-vault erase --yes` to do it.
notice-modes-tightened = { $count } files or folders of the vault could be read by other accounts on this computer; they are now for your account only.
notice-rotation-completed = A key rotation cut short was completed: every file is now encrypted to the new vault key.
# Persisted search index (search/)
notice-search-index-rebuilt = The search index was damaged or written by another version; it was rebuilt from the cases.
notice-search-index-not-saved = The search index could not be saved ({ $error }); search works, and the index will be rebuilt at the next unlock.
cli-conflicts-none = No conflicts.
cli-conflict-line = { $id }  { $code }: other version (revision { $revision }) from vault { $vault }
cli-resolve-done = { $code }: conflict resolved, now at revision { $revision }.
cli-list-conflicts = { $count ->
    [one] 1 conflict waits
   *[other] { $count } conflicts wait
} to be resolved (see: testimony-vault conflicts).
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
attachment-added-by-label = Added by
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
# Recording into the vault (src/audio, `record`)
attachment-kind-ogg = Ogg Opus recording
recording-started = Recording into case { $case } from { $device }. Every { $seconds } seconds is saved encrypted; press Ctrl+C to stop.
recording-saved = Saved a recording of { $duration } ({ $size } bytes, Ogg Opus, SHA-256 { $sha256 }) to case { $case }.
recording-kept-for-next-unlock = The recorded audio is kept encrypted in the vault and will be attached to its case at the next unlock.
recording-devices = Input devices (the default is marked *):
recording-no-devices = No input device was found.
notice-recording-recovered = A recording of case { $case } was cut short (a crash or a power cut) and has been recovered: “{ $name }”, cut short at { $at }.
notice-recording-empty = A recording cut short by a crash had saved no sound yet; nothing was lost beyond its first seconds.
notice-recording-not-recovered = A recording cut short by a crash could not be attached yet ({ $detail }). It stays encrypted in the vault for the next unlock.
error-audio-no-input = No microphone or other input device was found. Connect one, or choose another device, and try again.
error-audio-no-output = No speaker or other output device was found to play on.
error-audio-no-such-device = No input device is called “{ $name }”. `testimony-vault record --list-devices` lists them.
error-audio-unsupported = The input device offers no format the recorder can use (48 kHz, 16-bit or float): { $detail }
error-audio-device-gone = The input device stopped ({ $detail }) at { $at }. What was recorded until then is kept.
error-audio-device = The input device could not be used: { $detail }
error-audio-encoder = The audio encoder failed: { $detail }
error-audio-not-opus = This attachment is not an Ogg Opus recording the app can play.
error-audio-damaged = The recording could not be decoded: { $detail }
# Recorder in the case form (ui/panels/recorder.rs)
recorder-record = ● Record
recorder-save-first = Save the case once before recording into it.
recorder-default-device = Default input device
recorder-device = Input device
recorder-recording = Recording
recorder-paused = Paused
recorder-level = Input level
recorder-pause = Pause
recorder-resume = Resume
recorder-marker = Marker
recorder-marker-label = Marker label (optional)
recorder-markers = { $count } markers
recorder-stop = ■ Stop
recorder-saved = Recording of { $duration } saved, encrypted, as “{ $name }”.
# Player (ui/panels/player.rs)
player-open = Listen
player-title = Recording: { $name }
player-facts = { $duration }, Ogg Opus, { $rate } Hz
player-recovered = recovered, cut short at { $at }
player-play = Play
player-pause = Pause
player-back = Back 5 s
player-position = Position
player-speed = Speed
player-markers = Markers
player-transcript = Transcription
player-transcript-hint = { $key } inserts the current time.
# Recording markers linked to incidents, transcript saved with the case, device in Settings (issue 15)
recording-marker-label-field = Recording marker
recording-marker-incident = Incident of this moment
recording-marker-no-incident = No incident
recording-marker-linked = → { $incident }
player-transcript-unsaved = The transcription is part of the case: save the case to keep it.
settings-input-device = Input device for recordings
settings-input-device-list = List the devices
settings-input-device-hint = The Record button uses this device; `record --device` chooses another for one recording.
recorder-device-missing = The chosen input device “{ $name }” is not connected. Connect it, or record from the default input device instead.
recorder-use-default = Record from the default device
recorder-settings-device = { $name } (as in Settings)
error-attachment-source = { $path } could not be read ({ $detail }). Nothing was attached.
error-attachment-missing = The encrypted file of the attachment “{ $name }” is missing ({ $file }). The case still records its name, size and SHA-256; restore the file from a backup.
error-no-such-attachment = No attachment with id { $id } is in this case.
error-too-large-to-preview = “{ $name }” is too large to show here ({ $size } bytes; the limit is { $max }). Save a copy instead.
error-export-into-vault = A decrypted copy cannot be saved inside the vault folder ({ $path }). Choose another folder.

## Command line: attach
cli-error-no-such-code = No case with the code or id { $code } is in this vault. `testimony-vault list` shows the codes.

## Attachment list line
attachment-line = { $name } ({ $size } bytes) { $description }

## GUI: attachments in the form, place suggestions
gui-attach-path = File to attach
gui-attach-path-hint = full path of the file, e.g. /home/me/recording.m4a
gui-attach-size = { $size } bytes
gui-attach-verify = Check
gui-attach-remove-yes = Yes, remove it
gui-attach-cancel = Cancel
gui-attach-export-dest = Save the copy as
gui-attach-close-preview = Close picture
gui-attach-not-image = “{ $name }” is not a picture this program can show. Save a copy to open it with another program.
gui-attach-dropped-name = dropped file

## GUI: bundles (export, import) and conflicts
list-import = Import bundle…
list-export = Export selected…
list-selected = { $count } selected
list-select-shown = Select all shown
list-select-none = Clear selection
list-select-case = Select { $code }
list-conflicts-badge = Conflicts to resolve: { $count }
export-title = Export cases to an encrypted bundle
export-count = { $count ->
    [one] 1 case
   *[other] { $count } cases
} selected.
export-profile = What goes in
export-profile-full-explain = Everything, including real names, contacts and attachments. Only for the organisation's secure archive.
export-profile-pseudonymised-explain = Real names, contacts, birth years and home counties removed (also where the narrative repeats them); no attachments.
export-profile-statistics-explain = Only structured facts (dates, violation types, provinces, status); every narrative and free text removed.
# Consent-aware export: what the export is for, what goes and what is held back.
export-purpose = What the export is for
export-purpose-explain = Each case goes only where its consent allows. Cases left out are listed below; include one only if the witness agreed.
export-purpose-archive = The organisation's own archive
export-purpose-ngos = Sharing with NGOs
export-purpose-un = Sharing with the UN
export-purpose-court = Use in court
export-going-out = { $count ->
    [one] Going out: 1 case
   *[other] Going out: { $count } cases
}
export-held-heading = { $count ->
    [one] Left out for consent: 1 case
   *[other] Left out for consent: { $count } cases
}
export-none-going-out = No case goes out: tick “include anyway” for a case, or choose another purpose.
export-include-anyway = Include anyway
export-included-anyway = included anyway; the bundle records it
export-held-no-consent = no consent recorded
export-held-not-for-ngos = consent does not cover sharing with NGOs
export-held-not-for-un = consent does not cover sharing with the UN
export-held-not-for-court = consent does not cover use in court
export-held-not-named = the witness asked not to be named; choose pseudonymised or statistics only
export-use-passphrase = Protect with a passphrase instead of keys
export-passphrase = Bundle passphrase
export-passphrase-repeat = Repeat the passphrase
export-recipients = Who can open it (age keys)
export-recipients-explain = One age1… public key a line. The organisation's keys from the settings are filled in.
export-recipient-n = Key { $n }
export-recipient-remove = Remove
export-recipient-add = Add a key
export-recipient-ok = valid key
export-recipient-bad = not a valid age1… key
export-path = Save the bundle as
export-run = Export
export-cancel = Cancel
export-close = Close
export-nothing-selected = No case is selected. Tick the cases to export in the list.
export-path-missing = Enter the file to write the bundle to.
export-path-exists = { $path } already exists. Choose a new file name: nothing is ever overwritten.
export-passphrase-missing = Enter a passphrase for the bundle.
export-passphrase-mismatch = The two passphrases differ.
export-no-recipients = Enter at least one age1… key (or protect the bundle with a passphrase).
export-done = Exported { $count ->
    [one] 1 case
   *[other] { $count } cases
} to { $path } (profile: { $profile }).
# Consent-aware export: the summary counts the cases left out.
export-done-held = { $count ->
    [one] 1 case was left out for consent.
   *[other] { $count } cases were left out for consent.
}
import-title = Import a bundle
import-explain = Cases new to this vault are added; newer versions of cases here update them; cases changed in both places become conflicts to resolve.
import-path = Bundle file
import-passphrase = Bundle passphrase (only for passphrase-protected bundles)
import-run = Import
import-path-missing = Enter the bundle file to import.
import-done = Import finished: { $added } added, { $updated } updated, { $unchanged } unchanged, { $conflicts ->
    [one] 1 conflict
   *[other] { $conflicts } conflicts
}.
conflicts-title = Conflicts
conflicts-explain = These cases were changed both here and elsewhere. Compare the two versions and keep one, or merge them field by field; no history is lost either way.
conflicts-none = No conflicts.
conflicts-entry = from { $bundle }, found { $detected }, their revision { $revision }
conflicts-compare = Compare { $code }
conflicts-compare-title = Conflict in { $code }
conflicts-compare-explain = Left: this vault's version. Right: the imported version. Differences are highlighted.
conflicts-back = Back to conflicts
conflicts-back-to-list = Back to cases
conflicts-keep-ours = Keep ours
conflicts-take-theirs = Take theirs
conflicts-ours = This vault
conflicts-theirs = Imported
conflicts-tags = Tags
conflicts-incident = Incident { $n }
conflicts-history = History
conflicts-changed-fields = Changed: { $fields }
conflicts-resolved = Conflict in { $code } resolved.
error-case-missing = The file of case { $code } ({ $pseudonym }) has vanished from the vault folder and no earlier copy is kept. Restore the folder from a backup or import a bundle holding the case; the case list no longer shows it.
error-case-restored = The file of case { $code } had vanished from the vault folder; its previous version (revision { $revision }) was put back. Changes of its last save are lost: check the case.
list-forget-missing = { $count ->
    [one] Stop reporting the vanished case
   *[other] Stop reporting the { $count } vanished cases
}
list-forgot-missing = { $count ->
    [one] The vanished case will no longer be reported.
   *[other] { $count } vanished cases will no longer be reported.
}
## Command-line help (clap's output; see src/cli/help.rs)
cli-about = Offline, private testimony capture. Without a command, opens the window.
cli-heading-usage = Usage
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-usage-options = OPTIONS
cli-help-default = [default: { $value }]
cli-help-possible-values = [possible values: { $values }]
cli-flag-help = Print help
cli-flag-version = Print version
cli-cmd-help = Print this message or the help of the given command
cli-value-command = COMMAND
cli-value-dir = DIR
cli-value-n = N
cli-value-path = PATH
cli-value-lang = LANG
cli-value-file = FILE
cli-value-age1 = AGE1…
cli-value-profile = PROFILE
cli-value-purpose = PURPOSE
cli-value-code = CODE
cli-value-status = STATUS
cli-value-date = DATE
cli-value-text = TEXT
cli-value-case = CASE
cli-value-id = ID
cli-value-version = VERSION
cli-arg-vault = Vault folder (default: the per-user data folder)
cli-arg-passphrase-fd = Read the vault passphrase from this open file descriptor (scripts)
cli-arg-passphrase-file = Read the vault passphrase from the first line of this file (scripts)
cli-arg-lang = Language of messages: en or ko (default: the system's)
cli-cmd-init = Create a new, empty vault
cli-cmd-list = List the cases (a table, or JSON)
cli-arg-list-json = Print JSON instead of a table
cli-cmd-export = Export cases to an encrypted bundle
cli-arg-export-to = Recipient public key (age1…); repeat for several
cli-arg-export-recipients-file = File of recipient keys, one a line (age format)
cli-arg-export-passphrase-protect = Protect the bundle with a passphrase instead of keys
cli-arg-export-bundle-passphrase-file = Read the bundle passphrase from the first line of this file
cli-arg-export-profile = What the bundle holds: everything, pseudonymised cases, or statistics only
cli-arg-export-code = Case code to export; repeat for several
cli-arg-export-status = Export the cases with this status; repeat for several
cli-arg-export-from = Interview date on or after (2024, 2024-09, 2024-09-03)
cli-arg-export-until = Interview date on or before
cli-arg-export-all = Every case
cli-arg-export-out = Bundle file to write (must not exist)
# Redaction that holds: --scrub, the review before a redacted export
cli-value-word = WORD
cli-arg-export-scrub = Also scrub this word from every case of a redacted export; repeat for several
cli-arg-export-review = List what may still identify someone in the redacted cases, with its context, and export nothing
cli-arg-export-reviewed = With --review: the list was read; export, recording the review in the manifest
cli-arg-export-roles = In a redacted export, replace interviewer and interpreter names by their role ("Interviewer 1"), numbered over the whole export
# Consent-aware export: the options.
cli-arg-export-purpose = What the export is for; only cases whose consent covers it go out (archive: consent recorded; ngos, un, court: that consent too)
cli-arg-export-include = Include this held-back case anyway (the witness agreed; the manifest records it); repeat for several
cli-arg-export-include-without-consent = Include every held-back case anyway (the manifest records each)
cli-error-scrub-needs-redaction = --scrub, --review and --roles need a redacted profile (--profile pseudonymised or statistics-only): the full profile removes nothing.
cli-review-candidate = { $code }  { $field }  { $kind }: { $text }   { $context }
cli-review-none = Review: nothing left that looks like a name, phone number or date of birth.
cli-review-count = Review: { $count } possible identifiers left (listed above).
cli-review-not-exported = Nothing exported. Add --scrub WORD for each word to remove, then run again with --review --reviewed.
review-candidate-like-removed = like a removed value
review-candidate-korean-name = Korean name
review-candidate-romanised-name = romanised name
review-candidate-phone = phone number
review-candidate-birth-date = date of birth
export-review-heading = Before export: what may still identify someone
export-review-explain = Tick each word to remove from this export. The bundle records that the review was done and how many words were added, never the words.
export-review-none = Nothing left that looks like a name, phone number or date of birth.
export-review-scrub = Remove “{ $word }”
export-review-reviewed = I have reviewed this list
export-by-role = Replace interviewer and interpreter names by their role ("Interviewer 1")
role-interviewer = Interviewer { $n }
role-interpreter = Interpreter { $n }
cli-cmd-import = Import a bundle into the vault (merging by case)
cli-arg-import-file = Bundle file to import
cli-arg-import-identity = age identity file to open the bundle with (besides the vault key)
cli-arg-import-bundle-passphrase-file = Read the bundle passphrase from the first line of this file
cli-cmd-verify = Check a bundle's integrity without importing it
cli-arg-verify-file = Bundle file to check
cli-arg-verify-identity = age identity file; without one, the vault's key is used
cli-arg-verify-bundle-passphrase-file = Read the bundle passphrase from the first line of this file
cli-cmd-keygen = Make a new age key pair (print it, or write the identity file)
cli-arg-keygen-out = Write the identity to this file (must not exist) instead of printing it
cli-cmd-passwd = Change the vault passphrase
cli-arg-passwd-new-passphrase-file = Read the new passphrase from the first line of this file
cli-arg-init-recovery-to = Also wrap the vault key to this organisation recovery key (age1…); repeat for several
cli-cmd-recover = Set a new passphrase with the organisation's recovery identity (forgotten passphrase, erased keys)
cli-arg-recover-identity = age identity file of the organisation recovery key
cli-arg-recover-new-passphrase-file = Read the new passphrase from the first line of this file
cli-cmd-rotate-key = Make a new vault key, encrypt every file again under it and destroy the old one
cli-cmd-erase = Destroy every copy of the vault's keys at once (emergency)
cli-arg-erase-yes = Really erase: without it nothing is done
cli-cmd-attach = Attach a file (recording, photo, scan, map) to a case, encrypted
cli-arg-attach-case = Case code (NK-2026-0042) or id
cli-arg-attach-file = File to attach (the original is left as it is)
cli-arg-attach-description = Short description of the file
# Recording into the vault (`record`)
cli-cmd-record = Record from an input device straight into a case, encrypted as it is captured
cli-arg-record-case = Case code (NK-2026-0042) or id
cli-arg-record-seconds = Stop after this many seconds of sound (otherwise at Ctrl+C)
cli-arg-record-device = Input device to record from (see --list-devices); the default device otherwise
cli-arg-record-list-devices = List the input devices and stop
cli-arg-record-description = Short description of the recording
cli-cmd-conflicts = List cases waiting for a conflict to be resolved
cli-cmd-resolve = Resolve a conflict by keeping one version or merging the two field by field
cli-arg-resolve-id = Conflict id, as listed by `testimony-vault conflicts`
cli-arg-resolve-keep = Version to keep: ours (this vault's), theirs (the imported one), or merged (ours, with the fields given to --take-theirs from theirs)
## Command-line usage errors
cli-usage-unknown-argument = Unknown argument '{ $arg }'.
cli-usage-value-missing = '{ $arg }' needs a value.
cli-usage-invalid-value = '{ $value }' is not a valid value for '{ $arg }'.
cli-usage-value-validation = '{ $value }' is not a valid value for '{ $arg }': { $detail }
cli-usage-missing-required = These required arguments are missing:
cli-usage-unknown-command = Unknown command '{ $command }'.
cli-usage-missing-command = '{ $command }' needs a command.
cli-usage-repeated = '{ $arg }' can be given only once.
cli-usage-conflict = '{ $arg }' cannot be used with '{ $other }'.
cli-usage-conflict-any = '{ $arg }' cannot be used with the other arguments given.
cli-usage-no-equals = '{ $arg }' needs an equals sign before its value.
cli-usage-too-many-values = Unexpected value '{ $value }' for '{ $arg }': no more values were expected.
cli-usage-wrong-number-of-values = '{ $arg }' takes { $expected } values, but { $actual } were given.
cli-usage-too-few-values = '{ $arg }' takes at least { $min } values, but { $actual } were given.
cli-usage-invalid-utf8 = An argument is not valid UTF-8 text.
cli-usage-invalid = The command line is not valid: { $detail }
cli-usage-tip = tip
cli-usage-similar-argument = a similar argument exists: '{ $arg }'
cli-usage-similar-command = a similar command exists: '{ $command }'
cli-usage-similar-value = a similar value exists: '{ $value }'
cli-usage-as-value = to pass '{ $arg }' as a value, use '{ $usage }'
cli-usage-exists = '{ $usage }' exists
cli-usage-remove-dashes = the command '{ $command }' exists; to use it, remove the '--' before it
cli-usage-try-help = For more information, try '{ $flag }'.
cli-cmd-forget-missing = Stop reporting the cases whose file vanished from the vault folder

# Custody: the signing key and trusted signers.
cli-cmd-signer = Show this vault's signing key: its fingerprint, then the public key alone on the last line (for `trust add` on another vault).
cli-cmd-trust = Whose bundles this vault imports: add, list or remove trusted signers.
cli-cmd-trust-add = Trust a signer's public key (what `signer` prints on its last line) under a name.
cli-cmd-trust-list = List this vault's own key and the trusted signers.
cli-cmd-trust-remove = Stop trusting a signer; cases already imported stay.
cli-arg-trust-add-key = The signer's OpenSSH public key line (ssh-ed25519 AAAA…), or a .pub file holding it
cli-arg-trust-add-name = Who the key belongs to, as it will be shown
cli-arg-trust-remove-signer = The signer's name, public key or fingerprint
cli-arg-import-trust-signer = If the bundle's signer is not trusted yet, trust it under this name and import (compare the fingerprint with the sender first)
cli-signer-fingerprint = Fingerprint: { $fingerprint }
cli-trust-added = Now trusted: { $name } (fingerprint { $fingerprint }).
cli-trust-removed = No longer trusted: { $name } (fingerprint { $fingerprint }). Cases already imported stay.
cli-trust-own = This vault (always trusted): { $fingerprint }
cli-trust-none = No other signer is trusted yet.
cli-trust-line = { $name }   { $fingerprint }   added { $added }
cli-verify-signer = Signed by the key with fingerprint { $fingerprint }; the signature checks.
cli-verify-trusted = This vault trusts the signer, as { $name }.
cli-verify-untrusted = This vault does not trust this signer yet: an import is refused until the signer is trusted.
cli-value-key = KEY
cli-value-name = NAME
cli-value-signer = SIGNER
cli-import-trust-hint = To trust this signer and import, after comparing the fingerprint with the sender: testimony-vault import FILE --trust-signer NAME (or testimony-vault trust add KEY --name NAME, then import again).
# Events and corroboration: events, suggestions, statistics (command line and shared texts).
cli-cmd-events = Events that tie incidents of several cases together: list, show (corroboration), create, link, unlink, suggest, reject, standard.
cli-cmd-events-list = List the events, with their incidents' cases.
cli-cmd-events-show = Show an event's testimonies side by side, where they agree or differ, and its independent sources.
cli-cmd-events-create = Create an event, optionally linking incidents at once.
cli-cmd-events-link = Link an incident to an event (an incident belongs to one event at most).
cli-cmd-events-unlink = Take an incident out of its event.
cli-cmd-events-suggest = Suggest events and incidents of other cases that may tell of the same happening.
cli-cmd-events-reject = Turn a suggestion down; it is not suggested again.
cli-cmd-events-standard = Show or set the organisation's standard of corroboration.
cli-cmd-stats = Count incidents and distinct events by violation type, year and province, and by how the witnesses know.
cli-arg-events-list-json = Print JSON instead of lines
cli-arg-events-suggest-json = Print JSON instead of lines
cli-arg-events-show-json = Print JSON instead of text
cli-arg-events-show-event = The event: its id (or its first 8 characters, as `events list` prints it) or its title
cli-arg-events-create-title = The event's title
cli-arg-events-create-violation = Violation type (execution, public-execution, arbitrary-detention, torture, …)
cli-arg-events-create-date = Date or range, as the form takes it (2019, ~2019-03, 2019-03 ~ 2019-06)
cli-arg-events-create-province = Province
cli-arg-events-create-county = City or county
cli-arg-events-create-place = Place, free text
cli-arg-events-create-perpetrator = Perpetrator (unknown, mss, mps, group-109, military-security, other)
cli-arg-events-create-description = Description
cli-arg-events-create-incident = An incident to link, as CASE#N (case code or id, incident number); may be repeated
cli-arg-events-create-json = Print the new event as JSON
cli-arg-events-link-event = The event: its id, the first 8 characters of it, or its title
cli-arg-events-link-incident = The incident: CASE#N, or the case (code or id) and the incident's number or id
cli-arg-events-unlink-incident = The incident: CASE#N, or the case (code or id) and the incident's number or id
cli-arg-events-reject-incident = The incident the suggestion was for, as CASE#N
cli-arg-events-reject-with = The incident it was matched with, as CASE#N
cli-arg-events-reject-event = The event it was proposed to join
cli-arg-events-standard-sources = Independent sources an event needs
cli-arg-events-standard-first-hand = Of them, how many must be first-hand (direct victim or eyewitness)
cli-cmd-events-resolve = Settle the differences an import brought for an event: keep ours, or take theirs.
cli-arg-events-resolve-event = The event: its id, the first 8 characters of it, or its title
cli-arg-events-resolve-take-theirs = Take their version's fields (their links are added where the incident is free)
cli-events-resolved-ours = Kept our version of “{ $title }” ({ $count } differences set aside).
cli-events-resolved-theirs = Took their version of “{ $title }” ({ $count } differences).
cli-events-conflicts = { $count } differences from imports wait to be settled (events show, events resolve).
cli-events-conflict = Another vault's version differs: { $fields }; links not added (incident in another event here): { $blocked }.
import-events-done = Events: { $added } added, { $links } links added, { $conflicts } differences kept for you to settle.
cli-arg-stats-json = Print JSON instead of a table
cli-arg-stats-violation = Count only this violation type
cli-arg-stats-province = Count only this province (any spelling)
cli-arg-stats-from = Count only incidents from this year on
cli-arg-stats-until = Count only incidents up to this year
cli-arg-stats-status = Count only cases with this status
cli-value-event = EVENT
cli-value-incident = INCIDENT
cli-value-violation = VIOLATION
cli-value-perpetrator = PERPETRATOR
cli-value-year = YEAR
cli-events-created = Event created: { $title } ({ $id }).
cli-events-linked = { $incident } is now part of the event “{ $title }”.
cli-events-unlinked = { $incident } is no longer part of the event “{ $title }”.
cli-events-rejected = Suggestion for { $incident } turned down; it will not be suggested again.
cli-events-line = { $id }  { $title }  { $violation }  { $date }  { $incidents } incidents ({ $cases })
cli-events-count = { $count ->
    [one] 1 event
   *[other] { $count } events
}
cli-events-what = { $violation }, { $date }
cli-events-missing-incident = An incident of this event is no longer in this vault (case { $case }, incident { $incident }).
cli-events-agreement = Dates: { $dates }. Place: { $place }. Perpetrator: { $perpetrator }.
cli-events-sources = Independent sources: { $sources }, first-hand: { $first }. { $verdict }
cli-events-suggest-event = join the event “{ $title }”
cli-events-suggest-incident = same happening as { $incident } (new event)
cli-events-suggest-count = { $count ->
    [one] 1 suggestion
   *[other] { $count } suggestions
}
cli-events-standard = Standard: at least { $sources } independent sources, { $first } of them first-hand.
cli-stats-violation = Violation
cli-stats-year = Year
cli-stats-province = Province
cli-stats-incidents = Incidents
cli-stats-events = Events
cli-stats-unlinked = Not in an event
cli-stats-unknown = (unknown)
cli-stats-source = { $source }: { $count }
cli-stats-total = In all: { $incidents } incidents, { $events } distinct events, { $unlinked } incidents in no event.
events-verdict-agree = the accounts agree
events-verdict-differ = the accounts differ
events-verdict-unknown = too few accounts say
events-standard-met = Meets the standard (at least { $sources } sources, { $first } first-hand).
events-standard-not-met = Does not meet the standard yet (at least { $sources } sources, { $first } first-hand).
events-error-no-such-event = There is no event “{ $event }”.
events-error-ambiguous = More than one event matches “{ $event }”: give more of its id.
events-error-already-linked = The incident { $incident } already belongs to the event “{ $event }”; unlink it first.
events-error-not-linked = The incident { $incident } belongs to no event.
events-error-no-such-incident = Case { $case } has no incident “{ $incident }” (name it as CASE#N, N the incident's number).
nav-events = Events
events-title = Events
events-tab-events = Events
events-tab-inbox = Suggestions ({ $count })
events-tab-statistics = Statistics
events-none = No events yet. Create one (New event), or accept a suggestion.
events-list-line = { $title } ({ $count } incidents)
events-standard-label = Standard: at least this many independent sources
events-standard-first-hand = of them first-hand
events-standard-save = Save standard
events-standard-heading = Corroboration standard (for every event)
events-sources-line = Independent sources: { $sources }, first-hand: { $first }
events-agree-dates = Dates
events-agree-place = Place
events-agree-perpetrator = Perpetrator
events-conflict-theirs = Their version: “{ $title }”, { $date }
events-keep-ours = Keep ours
events-take-theirs = Take theirs
events-col-witness = Witness
events-col-source = How they know
events-col-date = Date as given
events-col-place = Place as given
events-col-perpetrator = Perpetrator
events-unlink = Unlink
# Events in the window: create, edit, link, delete
events-new = New event
events-new-heading = New event
events-edit = Edit event
events-edit-heading = Edit the event
events-field-title = Title
events-field-violation = Violation type
events-field-date = Date or range
events-field-province = Province
events-field-county = County or city
events-field-place = Place
events-field-perpetrator = Perpetrator
events-field-perpetrator-detail = Perpetrator in detail
events-field-description = Description
events-edit-save = Save event
events-edit-cancel = Cancel
events-edit-no-title = An event needs a title.
events-edit-fix-date = Correct the date first: it is not saved as typed.
events-link-case = Link an incident of the case
events-link-incident = incident
events-link-button = Link to this event
events-link-none = No incidents in the vault to link.
events-link-in-other = in “{ $title }”
events-delete = Delete event
events-delete-confirm = Delete the event “{ $title }”? Its { $count } links go; the cases and their incidents stay.
events-delete-yes = Delete it
events-delete-no = Keep it
events-inbox-empty = No suggestions: every likely match is linked or was turned down.
events-suggest-join = join the event “{ $title }”
events-suggest-with = same happening as { $incident }
events-accept = Accept
events-reject = Reject
events-chart-by-year = Incidents by year
events-chart-by-type = Incidents by violation type
events-filter-all = All
events-filter-violation = Count only the violation
events-filter-province = and the province
events-filter-from = From year (0: any)
events-filter-until = Until year (0: any)
events-place-same = same place
events-place-within = one place lies within the other
events-place-same-province = same province
events-place-different = different places
events-place-unknown = place not given
events-reason-dates = dates overlap { $overlap } of { $widest } days
events-reason-perpetrator = same perpetrator
events-reason-words = { $count } rare words shared
events-review-line = Incident { $number } belongs to the event “{ $title }” ({ $count } incidents).
## GUI: background work (export, import, attachments)
app-job-exporting = Exporting { $count ->
    [one] 1 case
   *[other] { $count } cases
}…
app-job-reading-selection = Reading the consent of { $count ->
    [one] 1 case
   *[other] { $count } cases
}…
app-job-importing = Importing { $file }…
app-job-verifying = Checking { $name }…
app-job-saving-copy = Decrypting { $name } into an unencrypted copy…
app-job-wait = Please wait: everything else is paused until this is finished.
app-job-lock-after = The vault will lock as soon as this is finished.
app-job-close-after = The window will close as soon as this is finished.
app-job-drop-ignored = Files dropped while other work was running were not attached. Drop them again.
app-job-crashed = The work stopped unexpectedly. Check its result (the list, the attachments, the bundle file) before trying again.
app-job-done-before-lock = The work that was running finished before the vault locked.
app-job-failed-before-lock = The work that was running failed before the vault locked: { $detail }
## Errors: merging a conflict field by field
error-unknown-merge-field = “{ $field }” is not a field that can be taken from the other version. Nothing was changed. The fields are: { $fields }.
error-conflict-attachment-missing = The other version of case { $code } lists the attachment “{ $name }”, whose encrypted file is not in this vault (it did not come with the bundle). Nothing was changed: keep this vault's attachments, or first import a bundle that carries the file.
error-signing-unavailable = This vault has no usable signing key ({ $detail }). Nothing is lost and cases can still be saved, but bundles cannot be exported, because they would be unsigned.
error-bad-signer-key = “{ $text }” is not a signer's public key ({ $detail }). Give the OpenSSH line that `testimony-vault signer` prints on its last line (ssh-ed25519 AAAA…).
error-signer-name-missing = Give the signer a name, so their bundles and revisions can be told apart.
error-signer-already-trusted = This key is already trusted, as “{ $name }” (fingerprint { $fingerprint }). Nothing was changed.
error-signer-name-taken = A trusted signer is already named “{ $name }”; choose another name. Nothing was changed.
error-no-such-signer = No trusted signer is named “{ $name }” (give the name, the public key or the fingerprint shown by the list of trusted signers). Nothing was changed.
## GUI: merging a conflict field by field
conflicts-merge-explain = Or merge them: in each highlighted row, click the version to keep (this vault's until you choose), then save the merged version.
conflicts-merge-save = Save merged version
conflicts-merge-summary = Merged version: { $theirs } of { $total } differing fields from the imported version ({ $fields }), the rest from this vault.
conflicts-merge-summary-ours = Merged version: all { $total } differing fields from this vault.
conflicts-empty = (empty)
conflicts-attachments-missing = The file of the imported attachment “{ $name }” is not in this vault (it did not come with the bundle), so the imported attachments cannot be taken.
## Command line: merging a conflict field by field
cli-arg-resolve-take-theirs = With --keep merged: the fields to take from the imported version, separated by commas (as `testimony-vault conflicts` lists them); every other field stays this vault's
cli-value-field = FIELD
cli-conflict-fields = fields that differ: { $fields }
cli-error-take-theirs-needs-merged = --take-theirs is used only with --keep merged. Nothing was changed.
## GUI: the file and folder chooser (drawn in the window: leaves no "recently used" list behind)
file-pick-browse = Browse…
file-pick-title-vault = Choose the vault folder
file-pick-title-attach = Choose a file to attach
file-pick-title-copy = Choose where to save the unencrypted copy
file-pick-title-export = Choose where to save the bundle
file-pick-title-import = Choose the bundle to import
file-pick-private = What you look at and choose here is not recorded anywhere: no list of recent files is kept.
file-pick-places = Go to:
file-pick-home = Home folder
file-pick-up = ↑ Up
file-pick-folder = Folder
file-pick-go = Go
file-pick-show-hidden = Show hidden files
file-pick-empty = This folder is empty.
file-pick-count = { $folders ->
    [one] 1 folder
   *[other] { $folders } folders
}, { $files ->
    [one] 1 file
   *[other] { $files } files
}
file-pick-not-found = There is no folder { $path }.
file-pick-denied = You are not allowed to open the folder { $path }.
file-pick-unreadable = The folder { $path } cannot be opened: { $detail }
file-pick-name = File name
file-pick-choose = Choose
file-pick-use-folder = Use this folder
file-pick-cancel = Cancel
file-pick-will-use = Folder to use: { $path }
file-pick-folder-hint = To open a vault, choose its folder. For a new vault, choose an empty folder or type a new folder name.
file-pick-no-file = Select a file first.
file-pick-name-missing = Type a name for the new file.
file-pick-name-invalid = “{ $name }” cannot be used as a file name: it must not contain / or \ and must not be . or ..
file-pick-name-exists = { $name } already exists in this folder. Choose a new name: nothing is ever overwritten.
file-pick-size-bytes = { $size ->
    [one] 1 byte
   *[other] { $size } bytes
}
file-pick-size-kb = { $size } KB
file-pick-size-mb = { $size } MB
file-pick-size-gb = { $size } GB
error-import-interrupted = An import was cut short ({ $what }, { $cases ->
    [one] 1 case
   *[other] { $cases } cases
}): some of its cases may be missing. Import the same bundle again to finish it; cases already stored are not changed twice.
file-pick-new-folder = New folder inside (optional)
## Command line: cases in and out as JSON and tables, search, quiet output
cli-cmd-add = Add new cases from a JSON file: an array of case documents or one document a line (JSON Lines); all or nothing
cli-arg-add-file = JSON file of case documents (field names as `show --json` prints them; fields left out take their defaults)
cli-arg-add-verbose = List every case added
cli-cmd-show = Print one case (identifying fields marked ◆)
cli-arg-show-case = Case code (NK-2026-0042) or id
cli-arg-show-json = Print the case as a JSON document (what `add` reads)
cli-cmd-search = Search the cases as the window does (normalised, Hangul and romanisations)
cli-arg-search-query = Words to find (all must match)
cli-arg-search-json = Print JSON instead of lines
cli-cmd-export-table = Export cases as a table, one row per incident (CSV or XLSX), encrypted unless --plaintext
cli-arg-export-table-format = File format
cli-arg-export-table-profile = What the table holds (default: pseudonymised)
cli-arg-export-table-code = Case code to export; repeat for several
cli-arg-export-table-status = Export the cases with this status; repeat for several
cli-arg-export-table-from = Interview date on or after (2024, 2024-09, 2024-09-03)
cli-arg-export-table-until = Interview date on or before
cli-arg-export-table-all = Every case
cli-arg-export-table-to = Recipient public key (age1…); repeat for several
cli-arg-export-table-recipients-file = File of recipient keys, one a line (age format)
cli-arg-export-table-passphrase-protect = Protect the file with a passphrase instead of keys
cli-arg-export-table-bundle-passphrase-file = Read the file's passphrase from the first line of this file
cli-arg-export-table-plaintext = Write the table unencrypted (testimony in plain text on disk: only for a machine you trust)
cli-arg-export-table-bom = Begin a CSV file with a byte-order mark, which Excel needs to show Hangul
cli-arg-export-table-out = File to write (must not exist)
cli-arg-export-table-verbose = List every case exported
cli-arg-export-table-purpose = What the table is for; only cases whose consent covers it go in (as for export)
cli-arg-export-table-include = Include this held-back case anyway (only if the witness agreed); repeat for several
cli-arg-export-table-include-without-consent = Include every held-back case anyway
cli-cmd-import-table = Add cases from a table (CSV in UTF-8 or CP949, or XLSX), as export-table writes it or through a column mapping
cli-arg-import-table-file = CSV or XLSX file (may be age-encrypted)
cli-arg-import-table-mapping = Two-column CSV naming the table's columns: their header, our column (or - to ignore it)
cli-arg-import-table-dry-run = Check the file and show what would be added, without adding anything
cli-arg-import-table-skip-bad = Add the good cases and leave out the cases with a bad row (listed)
cli-arg-import-table-identity = age identity file to open an encrypted table with (besides the vault key)
cli-arg-import-table-bundle-passphrase-file = Read the file's passphrase from the first line of this file
cli-arg-import-table-verbose = List every case added
cli-arg-import-verbose = List every case, not only conflicts and problems
cli-arg-export-verbose = List every case exported
cli-value-query = QUERY
cli-value-format = FORMAT
cli-add-done = Added { $count ->
    [one] 1 case
   *[other] { $count } cases
} ({ $first } to { $last }).
cli-case-line = { $code }  { $pseudonym }
cli-search-count = { $count ->
    [one] 1 case matches.
   *[other] { $count } cases match.
}
cli-search-damaged = { $count ->
    [one] 1 case could not be read and was not searched.
   *[other] { $count } cases could not be read and were not searched.
}
cli-export-table-done = Wrote { $rows ->
    [one] 1 row
   *[other] { $rows } rows
} for { $count ->
    [one] 1 case
   *[other] { $count } cases
} to { $path } (profile: { $profile }).
cli-export-table-encrypted = The file is encrypted like a bundle: open it with `age -d -i KEY { $path }`.
cli-export-table-plaintext-warning = { $path } is NOT encrypted: it holds testimony in plain text. Keep it off shared and removable disks and delete it when done.
cli-import-table-read = { $path }: { $rows ->
    [one] 1 row
   *[other] { $rows } rows
}, { $cases ->
    [one] 1 case
   *[other] { $cases } cases
} ({ $encoding }).
cli-import-table-would-add = Would add (nothing was added, --dry-run):
cli-import-table-would-add-case = { $pseudonym } ({ $incidents ->
    [one] 1 incident
   *[other] { $incidents } incidents
})
cli-import-table-skipped = Left out { $count ->
    [one] 1 case with a bad row
   *[other] { $count } cases with bad rows
} (--skip-bad):
cli-export-case = { $code }  r{ $revision }
# Consent-aware export (command line): what was left out, and how to include it.
cli-export-held-back = left out { $code }: { $reason }
cli-export-held-hint = { $count ->
    [one] 1 case was left out for consent. Include it only if the witness agreed: --include CODE (or --include-without-consent for all).
   *[other] { $count } cases were left out for consent. Include one only if the witness agreed: --include CODE (or --include-without-consent for all).
}
cli-export-included = included without consent covering it: { $code } ({ $reason }); the manifest records it
cli-error-include-not-selected = --include { $code }: no selected case has that code. Nothing was written.
cli-progress-adding = Reading and adding the cases…
cli-progress-exporting = Exporting…
cli-progress-importing = Importing…
cli-progress-reading = Reading the table…
