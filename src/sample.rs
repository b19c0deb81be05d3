//! Synthetic but realistic cases, for tests, benchmarks and demonstrations.
//! Deterministic for a given seed; no real person appears here.

use crate::model::*;

const PSEUDONYMS: &[&str] = &["김영희", "이철수", "박순자", "최명호", "정은실", "Kim Jun-sik", "Ri Song-hui", "한별", "윤하나", "조강"];
const PROVINCES: &[&str] = &["함경북도", "양강도", "평안남도", "자강도", "황해남도", "North Hamgyong", "Ryanggang", "평양"];
const PLACES: &[&str] = &["회령", "혜산", "청진", "신의주", "무산", "온성", "Hoeryong", "Hyesan", "Chongjin"];
const SENTENCES: &[&str] = &[
    "그날 아침 보위부원들이 마을에 들이닥쳐 주민들을 광장에 모이게 했다. ",
    "The security agents took my brother away at night and we never heard from him again. ",
    "수용소에서는 하루 열네 시간씩 강제노동을 해야 했고 배급은 옥수수 한 줌뿐이었다. ",
    "I crossed the Tumen River in winter when the ice was thick enough to walk on. ",
    "중국에서 붙잡혀 강제송환된 뒤 집결소에서 심한 구타를 당했다. ",
    "She said the trial lasted less than ten minutes and nobody was allowed to speak. ",
    "한국 드라마를 보다가 적발되어 노동단련대에 육 개월 동안 보내졌다. ",
    "My neighbour was punished because his father had been labelled a political criminal. ",
];

/// A tiny deterministic generator, so samples need no extra crate.
pub struct SampleRng(u64);

impl SampleRng {
    pub fn new(seed: u64) -> Self {
        SampleRng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// `len` deterministic bytes that neither compress nor repeat: stand-ins
/// for a recording or a photo.
pub fn sample_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut rng = SampleRng::new(seed);
    (0..len).map(|_| (rng.next_u64() >> 24) as u8).collect()
}

/// Mixed Korean and English prose of about `chars` characters.
pub fn narrative(rng: &mut SampleRng, chars: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < chars {
        s.push_str(rng.pick(SENTENCES));
    }
    s
}

/// A fully filled case (every section), numbered `n`.
pub fn sample_case(n: u32, narrative_chars: usize) -> Case {
    let mut rng = SampleRng::new(n as u64 + 1);
    let mut case = Case::new(format!("NK-2026-{n:04}"));
    case.status = CaseStatus::ALL[rng.below(3)];
    case.tags = vec!["2026 field trip".into(), rng.pick(&["수용소", "detention", "border"]).into()];
    case.interview = Interview {
        date: Some(FuzzyDate::day(2026, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8)),
        place: rng.pick(&["서울 사무실", "Seoul office", "Bangkok safe house"]).into(),
        language: Language::Korean,
        interviewer: "Interviewer A".into(),
        interpreter: "통역 B".into(),
        duration_minutes: Some(60 + rng.below(120) as u32),
    };
    case.interviewee = Interviewee {
        pseudonym: format!("{} {n}", rng.pick(PSEUDONYMS)),
        real_name: format!("실명 {n}"),
        gender: Gender::ALL[rng.below(4)],
        birth_year: Some(Year::exact(1950 + rng.below(50) as i32)),
        home_province: rng.pick(PROVINCES).into(),
        home_county: rng.pick(PLACES).into(),
        departure_year: Some(Year::exact(2000 + rng.below(20) as i32)),
        arrival_year: Some(Year::exact(2010 + rng.below(15) as i32)),
        current_country: "대한민국".into(),
        contact: format!("+82-10-0000-{n:04}"),
        identifying_words: vec![format!("가족 실명 {n}")],
    };
    case.consent = Consent {
        given: true,
        date: case.interview.date.clone(),
        method: ConsentMethod::Oral,
        share_with_un: true,
        share_with_ngos: true,
        use_in_court: rng.below(2) == 0,
        quote_publicly: false,
        anonymity: Anonymity::PseudonymOnly,
    };
    for _ in 0..1 + rng.below(3) {
        case.incidents.push(Incident {
            violation: ViolationType::ALL[rng.below(ViolationType::ALL.len())],
            date: DateRange::single(FuzzyDate::year(1995 + rng.below(25) as i32).approx()),
            province: rng.pick(PROVINCES).into(),
            county: rng.pick(PLACES).into(),
            place: "시장 옆 공터".into(),
            victims: vec![format!("피해자 {}", rng.below(100))],
            perpetrator: Perpetrator::ALL[rng.below(Perpetrator::ALL.len())],
            perpetrator_detail: "보위부 반탐과".into(),
            source: SourceOfKnowledge::ALL[rng.below(4)],
            narrative: narrative(&mut rng, 300),
            ..Incident::default()
        });
    }
    case.narrative = narrative(&mut rng, narrative_chars);
    case.interviewer_notes = "증인은 차분했고 세부 사항을 일관되게 기억했다.".into();
    case.credibility_notes = "Consistent with other accounts from the same county.".into();
    case.follow_up = "지도 확인 필요 / confirm map".into();
    case
}
