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
