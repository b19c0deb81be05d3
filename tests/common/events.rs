//! A small vault whose event figures are counted by hand, shared by the
//! core and command-line tests of events and statistics.
//!
//! | case | pseudonym | incident | violation | date | place | perpetrator | source |
//! |---|---|---|---|---|---|---|---|
//! | NK-2026-0001 | 김영희 | 1 | public execution | 2010-03-05 | 함경북도 회령 | MSS | eyewitness |
//! | NK-2026-0001 | 김영희 | 2 | arbitrary detention | 2011 | 량강도 혜산 | MPS | direct victim |
//! | NK-2026-0002 | Ri Chol | 1 | public execution | ~2010-03 | North Hamgyong, Hoeryong-si | MSS | heard from others |
//! | NK-2026-0003 | 박순자 | 1 | public execution | 2010 | Hamgyŏng-pukto, Hoeryŏng | unknown | eyewitness |
//! | NK-2026-0003 | 박순자 | 2 | torture | 2012 | 평안북도 Sinuiju | MSS | direct victim |
//!
//! The three public executions are one happening; the others stand alone.

use testimony_vault::model::*;
use testimony_vault::Vault;

fn incident(v: ViolationType, date: &str, province: &str, county: &str, p: Perpetrator, s: SourceOfKnowledge) -> Incident {
    Incident {
        violation: v,
        date: DateRange::parse(date).unwrap(),
        province: province.into(),
        county: county.into(),
        perpetrator: p,
        source: s,
        narrative: "광장에서 공개처형이 있었다".into(),
        ..Incident::default()
    }
}

/// The three cases of the table above, saved in `vault`; their ids.
pub fn save_small_vault(vault: &mut Vault) -> [Case; 3] {
    use Perpetrator::*;
    use SourceOfKnowledge::*;
    use ViolationType::*;
    let mut a = vault.new_case();
    a.interviewee.pseudonym = "김영희".into();
    a.incidents = vec![
        incident(PublicExecution, "2010-03-05", "함경북도", "회령", MinistryOfStateSecurity, Eyewitness),
        incident(ArbitraryDetention, "2011", "량강도", "혜산", MinistryOfSocialSecurity, DirectVictim),
    ];
    vault.save_case(&mut a, "A").unwrap();
    let mut b = vault.new_case();
    b.interviewee.pseudonym = "Ri Chol".into();
    b.incidents = vec![incident(PublicExecution, "~2010-03", "North Hamgyong", "Hoeryong-si", MinistryOfStateSecurity, HeardFromOthers)];
    vault.save_case(&mut b, "A").unwrap();
    let mut c = vault.new_case();
    c.interviewee.pseudonym = "박순자".into();
    c.incidents = vec![
        incident(PublicExecution, "2010", "Hamgyŏng-pukto", "Hoeryŏng", Unknown, Eyewitness),
        incident(Torture, "2012", "평안북도", "Sinuiju", MinistryOfStateSecurity, DirectVictim),
    ];
    vault.save_case(&mut c, "A").unwrap();
    [a, b, c]
}
