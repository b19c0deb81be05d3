# 한국어 문자열. 여기의 모든 키는 en.ftl에도 있어야 합니다 (테스트가 확인).

app-title = 증언 보관함

## Case status
status-draft = 작성 중
status-complete = 완료
status-needs-follow-up = 후속 조치 필요

## Violation types
violation-execution = 처형
violation-public-execution = 공개처형
violation-arbitrary-detention = 자의적 구금
violation-torture = 고문
violation-forced-labour = 강제노동
violation-political-prison-camp = 정치범수용소
violation-sexual-violence = 성폭력
violation-forced-repatriation = 강제송환
violation-surveillance-search = 감시 / 영장 없는 수색
violation-foreign-media = 외부 영상물 시청 처벌
violation-guilt-by-association = 연좌제
violation-other = 기타

## Perpetrators
perpetrator-unknown = 알 수 없음
perpetrator-mss = 국가보위성
perpetrator-mps = 사회안전성
perpetrator-group-109 = 109 상무
perpetrator-military-security = 보위국 (군)
perpetrator-other = 기타

## Source of knowledge
source-direct-victim = 직접 피해자
source-eyewitness = 목격자
source-heard-from-others = 전해 들음
source-documentary = 문서

## Gender
gender-unspecified = 밝히지 않음
gender-female = 여성
gender-male = 남성
gender-other = 기타

## Consent
consent-method-not-recorded = 기록 안 됨
consent-method-oral = 구두
consent-method-written = 서면
anonymity-full-name = 실명 사용 가능
anonymity-pseudonym-only = 가명만
anonymity-no-identifying-details = 신원 정보 없음

## Validation
problem-complete-without-consent = 동의가 기록되기 전에는 (동의 여부와 방법) 사례를 완료로 표시할 수 없습니다.
problem-missing-pseudonym = 면담 대상자의 가명을 입력하십시오.

## Vault errors
error-wrong-passphrase = 이 보관함의 암호가 아닙니다. 아무것도 바뀌지 않았습니다. 다시 시도하십시오.
error-damaged = { $file } 파일이 손상되었거나 변조되었습니다 ({ $detail }). 열지 않았으며 다른 파일에는 영향이 없습니다.
error-newer-version = { $file } 파일은 더 새로운 버전의 프로그램이 쓴 것입니다 (형식 { $found }, 이 버전은 { $supported }까지 읽음). 프로그램을 업데이트하십시오. 파일은 바뀌지 않았습니다.
error-disk-full = 디스크가 가득 찼습니다: { $path }에 쓸 수 없습니다. 이전에 저장한 내용은 그대로입니다. 공간을 확보한 뒤 다시 저장하십시오.
error-read-only = { $path }에 쓸 수 없습니다 (읽기 전용이거나 권한 없음). 이전에 저장한 내용은 그대로입니다.
error-already-open = 이 보관함은 다른 창이나 프로세스에서 이미 열려 있습니다. 먼저 그곳에서 닫으십시오.
error-not-a-vault = { $dir }는 증언 보관함이 아닙니다 (키 파일 없음).
error-already-exists = { $dir }에 이미 보관함이나 다른 파일이 있습니다. 빈 폴더를 선택하십시오.
error-no-such-case = 이 보관함에 { $id } 사례가 없습니다.
error-weak-passphrase = 암호가 너무 짧습니다. { $min }자 이상 사용하십시오.
error-encrypt = { $what }을(를) 암호화할 수 없습니다: { $detail }. 아무것도 쓰지 않았습니다.
error-io = { $path }: { $detail }

## Bundles (export, import, merge) and the command line
profile-full = 전체
profile-pseudonymised = 가명 처리
profile-statistics-only = 통계 전용
bundle-error-not-for-us = 이 묶음 파일은 다른 사람을 위해 암호화되었습니다. 가지고 계신 키로는 열 수 없습니다. 아무것도 가져오지 않았습니다.
bundle-error-wrong-passphrase = 묶음 파일의 암호가 맞지 않습니다. 아무것도 가져오지 않았습니다.
bundle-error-needs-passphrase = 이 묶음 파일은 암호로 보호되어 있습니다. 열려면 암호를 입력하십시오.
bundle-error-not-a-bundle = { $file }은(는) 증언 묶음 파일이 아닙니다 ({ $detail }).
bundle-error-damaged = 묶음 파일 { $file }이(가) 손상되었거나 잘렸거나 변조되었습니다 ({ $detail }). 아무것도 가져오지 않았습니다.
bundle-error-newer-format = 묶음 파일 { $file }은(는) 더 새로운 버전의 프로그램이 만든 것입니다 (형식 { $found }, 이 버전은 { $supported }까지 읽음). 프로그램을 업데이트하십시오. 아무것도 가져오지 않았습니다.
bundle-error-no-recipients = 암호화할 대상이 없습니다. 수신자 키(age1…)나 수신자 파일을 지정하거나, 설정에 기관의 키를 입력하거나, 암호로 보호하십시오.
bundle-error-passphrase-and-recipients = 묶음 파일은 키 또는 암호 중 하나로만 열 수 있습니다 (age는 둘을 섞지 않습니다). 둘 다 필요하면 묶음 파일을 두 개 만드십시오.
bundle-error-bad-recipient = “{ $text }”은(는) age 공개 키(age1…)가 아닙니다: { $detail }
bundle-error-nothing-selected = 선택에 맞는 사례가 없습니다. 묶음 파일을 쓰지 않았습니다.
bundle-error-output-exists = { $path } 파일이 이미 있습니다. 다른 이름을 고르십시오. 아무것도 쓰지 않았습니다.
bundle-error-write = 묶음 파일 { $path }을(를) 쓸 수 없습니다: { $detail }. 불완전한 파일은 남기지 않았습니다.
bundle-error-read = { $path }을(를) 읽을 수 없습니다: { $detail }
bundle-error-redaction = 사례를 비식별 처리할 수 없습니다: { $detail }. 묶음 파일을 쓰지 않았습니다.
cli-error-no-terminal = 암호가 주어지지 않았고 물어볼 터미널도 없습니다. { $env }를 설정하거나 --passphrase-file 또는 --passphrase-fd를 사용하십시오.
cli-error-passphrase-mismatch = 두 암호가 다릅니다. 아무것도 바뀌지 않았습니다.
cli-error-empty-passphrase = 암호가 비어 있습니다. 아무것도 바뀌지 않았습니다.
cli-error-bad-date = “{ $input }”은(는) 날짜가 아닙니다: { $detail }
cli-error-no-vault-dir = 보관함 폴더가 없습니다. --vault로 지정하십시오.
cli-error-no-selection = 내보낼 사례를 고르십시오: --all, --code, --status, --from 또는 --until.
cli-error-file-exists = { $path } 파일이 이미 있어 바꾸지 않았습니다.
cli-error-window = 창을 열 수 없습니다: { $detail }
cli-prompt-passphrase = 보관함 암호:{" "}
cli-prompt-new-passphrase = 새 암호:{" "}
cli-prompt-repeat = 암호를 한 번 더 입력하십시오:{" "}
cli-prompt-bundle-passphrase = 묶음 파일 암호:{" "}
cli-init-done = { $dir }에 새 보관함을 만들었습니다.
cli-vault-recipient = 보관함 공개 키: { $recipient }
cli-list-count = 사례 { $count }건.
cli-col-code = 번호
cli-col-status = 상태
cli-col-interview = 면담일
cli-col-pseudonym = 가명
cli-col-revision = 판
cli-col-updated = 수정일
cli-export-done = 사례 { $count }건을 { $path }(으)로 내보냈습니다 (프로필: { $profile }).
cli-export-attachments-missing = 사례가 참조하는 첨부 파일 { $count }개가 보관함에 없어 묶음 파일에 넣지 못했습니다.
cli-import-added = { $code }: 추가됨
cli-import-updated = { $code }: { $from }판에서 { $to }판으로 갱신됨
cli-import-unchanged = { $code }: 이미 최신
cli-import-conflict = { $code }: 양쪽에서 수정되었습니다. 이 보관함의 판을 유지하고 다른 판은 충돌 { $id }(으)로 보관했습니다. 해결해 주십시오
cli-import-conflict-known = { $code }: 이 충돌은 이미 보관되어 있습니다
cli-import-summary = 가져오기 완료: 추가 { $added }, 갱신 { $updated }, 변경 없음 { $unchanged }, 충돌 { $conflicts }.
cli-verify-ok = { $path }: 손상 없음. 사례 { $count }건, 첨부 { $attachments }개, 프로필 { $profile }, { $exported }에 보관함 { $vault }에서 내보냄.
cli-keygen-written = 신원 키를 { $path }에 썼습니다 (비밀로 보관하십시오).
cli-keygen-public = 공개 키: { $recipient }
cli-passwd-done = 암호를 바꿨습니다.
cli-conflicts-none = 충돌이 없습니다.
cli-conflict-line = { $id }  { $code }: 보관함 { $vault }에서 온 다른 판 ({ $revision }판)
cli-resolve-done = { $code }: 충돌을 해결했습니다. 현재 { $revision }판입니다.
cli-list-conflicts = 해결을 기다리는 충돌이 { $count }건 있습니다 (확인: testimony-vault conflicts).
## Attachments (recordings, photos, scans, maps)
attachments-heading = 첨부 파일
attachments-none = 첨부된 파일이 없습니다.
attachment-add = 파일 첨부…
attachment-drop-hint = 파일을 여기에 끌어다 놓으면 이 사례에 첨부됩니다. 보관함 안에서 암호화되며, 원본 파일은 바뀌거나 지워지지 않습니다.
attachment-description = 설명
attachment-file-name = 파일
attachment-size = 크기
attachment-kind = 종류
attachment-sha256 = SHA-256
attachment-added-by = { $at }에 { $editor }이(가) 추가
attachment-preview = 보기
attachment-save-copy = 복호화한 사본 저장…
attachment-export-warning = 저장하는 사본은 암호화되지 않습니다. 그 폴더나 디스크를 열 수 있는 사람은 누구나 읽을 수 있습니다. 더 이상 필요하지 않으면 바로 삭제하십시오.
attachment-export-confirm = 암호화되지 않은 사본 저장
attachment-remove = 첨부 파일 삭제
attachment-remove-confirm = 이 사례에서 “{ $name }”을(를) 삭제하시겠습니까? 암호화된 파일이 지워지고, 삭제 사실은 사례 이력에 기록됩니다.
attachment-verifying = 확인 중…
attachment-verified = 이상 없음: 내용이 첨부할 때 기록한 SHA-256과 일치합니다.
attachment-encrypting = { $name } 암호화 중…
attachment-added = { $name }({ $size }바이트, SHA-256 { $sha256 })을(를) 사례 { $case }에 첨부했습니다.
attachment-removed = 사례 { $case }에서 { $name }을(를) 삭제했습니다.
attachment-exported = { $name }의 암호화되지 않은 사본을 { $path }에 저장했습니다.
attachment-original-remains = 원본 파일은 암호화되지 않은 채 { $path }에 그대로 있습니다. 이 컴퓨터에 남아 있으면 안 되는 파일이라면 삭제하십시오.
attachment-kind-png = PNG 이미지
attachment-kind-jpeg = JPEG 사진
attachment-kind-wav = WAV 녹음
attachment-kind-mp3 = MP3 녹음
attachment-kind-m4a = M4A 녹음
attachment-kind-pdf = PDF 문서
attachment-kind-other = 파일
error-attachment-source = { $path }을(를) 읽을 수 없습니다 ({ $detail }). 아무것도 첨부하지 않았습니다.
error-attachment-missing = 첨부 파일 “{ $name }”의 암호화된 파일이 없습니다 ({ $file }). 사례에는 파일 이름, 크기, SHA-256이 기록되어 있습니다. 백업에서 파일을 복원하십시오.
error-no-such-attachment = 이 사례에 id가 { $id }인 첨부 파일이 없습니다.
error-too-large-to-preview = “{ $name }”은(는) 너무 커서 여기에서 보여 줄 수 없습니다 ({ $size }바이트, 한도 { $max }). 대신 사본을 저장하십시오.
error-export-into-vault = 복호화한 사본은 보관함 폴더 안에 저장할 수 없습니다 ({ $path }). 다른 폴더를 선택하십시오.

## Command line: attach
cli-error-no-such-code = 이 보관함에 { $code } 코드나 id의 사례가 없습니다. `testimony-vault list`로 코드를 볼 수 있습니다.
