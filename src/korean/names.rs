//! Korean personal names: which part is the surname, and the particles and
//! terms of address that follow a name in running text.
//!
//! Redaction needs both. A witness named 박영호 is called 영호 in the
//! narrative ("영호는", "영호이네", "영호 씨가"), and one whose real name was
//! typed "Pak Yong-ho" is called "Yong-ho's" or "영호가": the given name alone
//! must go, and it can only be found once the surname is known. Korean
//! writes the surname first; English-speaking interviewers often write it
//! last, so a romanised name is split at whichever end is a common surname.

use super::romanise::{fold_latin, phonetic_key};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The commonest surnames (over 95 % of people), with the North's spellings
/// (리, 림, 로, 량, 류, 라, 렴, 룡) and the two-syllable ones.
const SURNAMES: &str = "김 이 리 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 량 손 배 백 허 남 심 노 로 하 곽 성 차 주 우 구 민 진 나 라 지 엄 채 원 천 방 공 현 함 변 염 렴 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 룡 예 경 봉 사 부 가 복 태 목 형 피 두 감 호 계 탁 남궁 황보 제갈 선우 독고 사공 서문 동방";

/// Romanised spellings of those surnames seen in records, beyond what the
/// phonetic key of the Hangul already gives.
const SURNAME_SPELLINGS: &str = "Kim Gim Lee Yi Rhee Ri Rhie Park Pak Bak Choi Choe Chung Jung Jeong Chong Kang Gang Cho Jo Yoon Yun Jang Chang Lim Im Rim Han Oh O Seo Suh So Shin Sin Kwon Gwon Hwang Ahn An Song Ryu Yoo Yu Ryoo Jeon Jun Chon Chun Hong Ko Koh Go Moon Mun Yang Ryang Son Sohn Bae Pae Baek Paek Paik Heo Hur Ho Nam Sim Shim Noh Roh No Ro Ha Kwak Kwack Sung Seong Cha Joo Ju Chu Woo U Koo Ku Min Jin Chin Na Ra La Ji Chi Um Eom Chae Won Cheon Bang Pang Kong Gong Hyun Hyon Ham Byun Pyon Yeom Ryom Yeo Choo Do To Seok Sok Sun Sul Ma Gil Kil Yeon Yon Wi Pyo Myung Myong Ki Gi Ban Pan Wang Keum Kum Ok Yook Yuk In Maeng Je Mo Tak Kook Kuk Eo Eun Pyeon Yong Ryong Ye Kyung Kyong Bong Pong Sa Boo Pu Ka Bok Pok Tae Thae Mok Hyung Pi Doo Tu Gam Kam Hong Kye Namgung Hwangbo Jegal Chegal Sunwoo Sonu Dokgo Tokko Sagong Seomun Dongbang";

pub fn hangul_surnames() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| SURNAMES.split_whitespace().collect())
}

/// Phonetic keys of every surname, in Hangul and as romanised.
pub fn surname_keys() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let hangul = SURNAMES.split_whitespace().map(phonetic_key);
        let latin = SURNAME_SPELLINGS.split_whitespace().map(|s| fold_latin(&s.to_ascii_lowercase()));
        hangul.chain(latin).filter(|k| !k.is_empty()).collect()
    })
}

/// Whether `word` (Hangul or romanised) is a common surname.
pub fn is_surname(word: &str) -> bool {
    if word.chars().all(super::romanise::is_syllable) {
        return hangul_surnames().contains(word);
    }
    surname_keys().contains(&phonetic_key(word))
}

/// A personal name cut into surname and given name, each as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    pub surname: String,
    /// Parts of the given name as written ("Yong-ho", or "Yong" and "ho").
    pub given: Vec<String>,
}

/// The ways a name typed in Hangul ("박영호", "박 영호", "남궁민수") or
/// romanised ("Pak Yong-ho", "Yong-ho Pak", "PARK Young Ho") cuts into
/// surname and given name. A romanised name whose both ends are surnames
/// ("Young Ho Park": 용 is a surname too) gives both cuts. Empty when it
/// cannot be cut (a romanised "Yongho", a lone syllable).
pub fn name_splits(name: &str) -> Vec<PersonName> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let hangul = !words.is_empty() && words.iter().all(|w| w.chars().all(super::romanise::is_syllable));
    if hangul {
        return split_hangul(&words).into_iter().collect();
    }
    if words.len() < 2 {
        return Vec::new();
    }
    let last = words.len() - 1;
    let cut = |at: usize| PersonName {
        surname: words[at].into(),
        given: words.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, w)| w.to_string()).collect(),
    };
    let mut out = Vec::new();
    if is_surname(words[0]) || !is_surname(words[last]) {
        out.push(cut(0));
    }
    if is_surname(words[last]) {
        out.push(cut(last));
    }
    out
}

fn split_hangul(words: &[&str]) -> Option<PersonName> {
    if words.len() >= 2 && is_surname(words[0]) {
        return Some(PersonName { surname: words[0].into(), given: words[1..].iter().map(|s| s.to_string()).collect() });
    }
    let joined: String = words.concat();
    let n = joined.chars().count();
    let two: String = joined.chars().take(2).collect();
    let cut = if n >= 4 && hangul_surnames().contains(two.as_str()) { 2 } else { 1 };
    if n < 2 || !hangul_surnames().contains(joined.chars().take(cut).collect::<String>().as_str()) && n > 4 {
        return None;
    }
    let surname: String = joined.chars().take(cut).collect();
    let given: String = joined.chars().skip(cut).collect();
    Some(PersonName { surname, given: vec![given] })
}

/// Terms that follow a name: honorifics, kinship, "family of" (네), the
/// vocative 이 after a final consonant (영식이), and administrative units
/// (시, 군, 리) after a place.
const ADDRESS: &str = "씨 님 이 이네 네 선생 선생님 동무 동지 언니 오빠 형 형님 누나 누님 동생 군 양 옹 할머니 할아버지 아저씨 아주머니 아줌마 이모 삼촌 고모 씨네 씨댁 댁 시 군 구 구역 리 동 읍 면 도 노동자구 지구";

/// Particles and endings that attach to a noun.
const PARTICLES: &str = "는 은 이 가 을 를 의 에게 에게서 한테 한테서 께 께서 께서는 와 과 랑 이랑 하고 도 만 에 에서 에는 에서는 로 으로 로는 으로는 처럼 보다 이라고 라고 이라는 라는 이라 라 이다 다 였다 이었다 였고 이었고 이고 고 요 이요 야 아 이야 이와 에게는 한테는 까지 부터 마저 조차 은요 는요 도요 이며 며 이나 나 이든 든 이면 면 이니 니 인 인데 인데요 였는데 이었는데 였어요 이었어요 예요 이에요 입니다 이었습니다 였습니다 이지 지 이랑은 하고는 의는";

/// Every ending a name may carry in Korean text: an address term, a
/// particle, or an address term followed by a particle.
pub fn hangul_endings() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let address: Vec<&str> = ADDRESS.split_whitespace().collect();
        let particles: Vec<&str> = PARTICLES.split_whitespace().collect();
        let mut set: HashSet<String> = address.iter().chain(&particles).map(|s| s.to_string()).collect();
        for a in &address {
            for p in &particles {
                set.insert(format!("{a}{p}"));
            }
        }
        set
    })
}

/// Address terms alone (with any particle after them): what must follow a
/// lone surname before it is taken to name someone (박 씨, 리동무), since a
/// bare syllable like 이 or 김 is also an ordinary word.
pub fn is_address_ending(rest: &str) -> bool {
    const TERMS: [&str; 12] = ["씨", "님", "선생", "동무", "동지", "아저씨", "아주머니", "할머니", "할아버지", "가", "씨네", "댁"];
    TERMS.iter().any(|t| rest.starts_with(t) && (rest.len() == t.len() || hangul_endings().contains(&rest[t.len()..])))
}

/// Endings of romanised names in English text: possessives and units.
pub const LATIN_ENDINGS: [&str; 18] = [
    "'s", "’s", "'", "’", "-si", "-shi", "-gun", "-kun", "-gu", "-ku", "-guyok", "-kuyok", "-guyeok", "-ri", "-dong", "-up",
    "-eup", "-do",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_surname_in_either_script_and_order() {
        let p = |s: &str, g: &[&str]| PersonName { surname: s.into(), given: g.iter().map(|x| x.to_string()).collect() };
        assert_eq!(name_splits("박영호"), [p("박", &["영호"])]);
        assert_eq!(name_splits("박 영호"), [p("박", &["영호"])]);
        assert_eq!(name_splits("남궁민수"), [p("남궁", &["민수"])]);
        assert_eq!(name_splits("Pak Yong-ho"), [p("Pak", &["Yong-ho"])]);
        assert_eq!(name_splits("Yong-ho Pak"), [p("Pak", &["Yong-ho"])]);
        assert_eq!(name_splits("PARK Young Ho")[0], p("PARK", &["Young", "Ho"]));
        assert_eq!(name_splits("Young Ho Park"), [p("Young", &["Ho", "Park"]), p("Park", &["Young", "Ho"])]);
        assert!(name_splits("Yongho").is_empty());
        assert!(hangul_endings().contains("이네") && hangul_endings().contains("씨가"));
        assert!(is_address_ending("씨는") && !is_address_ending("는"));
    }
}
