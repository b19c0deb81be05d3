//! Who a revision names as its editor. Both front ends record edits (the
//! window's saves and attachments, the command line's imports and merges);
//! one rule here keeps the history from naming the same person three ways.

use super::VaultConfig;
use crate::model::Case;

/// The editor recorded for a change: the name set in the vault's settings,
/// else the interviewer of the case changed (when there is one case), else
/// "unnamed editor" in the current language.
pub fn editor_name(config: &VaultConfig, case: Option<&Case>) -> String {
    let configured = config.editor_name.trim();
    let interviewer = case.map_or("", |c| c.interview.interviewer.trim());
    match (configured, interviewer) {
        ("", "") => crate::i18n::t("app-editor-unknown"),
        ("", interviewer) => interviewer.to_string(),
        (configured, _) => configured.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::editor_name;
    use crate::model::Case;
    use crate::vault::VaultConfig;

    #[test]
    fn the_settings_name_comes_first_then_the_interviewer() {
        let mut config = VaultConfig::default();
        let mut case = Case::new("NK-2026-0001");
        case.interview.interviewer = " 면담자 A ".into();
        assert_eq!(editor_name(&config, Some(&case)), "면담자 A");
        assert_eq!(editor_name(&config, None), crate::i18n::t("app-editor-unknown"));
        config.editor_name = " 기록자 ".into();
        assert_eq!(editor_name(&config, Some(&case)), "기록자");
        assert_eq!(editor_name(&config, None), "기록자");
    }
}
