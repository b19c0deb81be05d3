//! clap's own output in the user's language: `--help` for every command,
//! the usage line and clap's usage errors.
//!
//! clap writes English and has no translation hook, so the command tree from
//! `#[derive(Parser)]` is rewritten before parsing: every description comes
//! from the .ftl files, the built-in `--help`/`--version` flags are replaced
//! by our own, and each command gets a help template with translated
//! headings. Usage errors are written from the error's context (the
//! offending argument, value, suggestions) rather than with clap's English
//! sentences.

use super::args::Cli;
use crate::i18n::{self, Lang};
use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::process::ExitCode;

/// Messages in one given language, leaving the process-wide choice alone
/// (tests build help in both languages side by side).
struct Tr(Lang);

impl Tr {
    fn t(&self, key: &str) -> String {
        i18n::t_in(self.0, key, &[])
    }

    fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::t_in(self.0, key, args)
    }
}

/// The value of `--lang` on a command line, looked for before clap parses
/// it (clap's own messages must already be in that language).
pub fn lang_flag(args: &[OsString]) -> Option<String> {
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        match arg {
            Some("--") => break,
            Some("--lang") => return args.next().flatten().map(str::to_owned),
            Some(a) if a.starts_with("--lang=") => return Some(a["--lang=".len()..].to_owned()),
            _ => {}
        }
    }
    None
}

/// Parse the command line; help, the version and usage errors are printed
/// here, in `lang`, and give the exit code to end with.
pub fn parse(args: &[OsString], lang: Lang) -> Result<Cli, ExitCode> {
    let mut cmd = command(lang);
    let parsed = match cmd.try_get_matches_from_mut(args) {
        Ok(matches) => Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd)),
        Err(e) => Err(e),
    };
    parsed.map_err(|e| report(&e, lang))
}

/// The command tree with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let tr = Tr(lang);
    let mut cmd = localise(Cli::command(), &tr, "");
    // Building adds what clap makes itself (the `help` command, global
    // options copied into each command), which the second pass needs.
    cmd.build();
    finish(&mut cmd, &tr, true);
    cmd
}

/// Key of a command's description: `cli-about` for the program, else
/// `cli-cmd-<path>` (`path`: the command names below the program, joined
/// by `-`).
fn command_key(path: &str) -> String {
    if path.is_empty() { "cli-about".to_string() } else { format!("cli-cmd-{path}") }
}

/// Key of an argument's description: `cli-arg-<name>` for the program's own
/// (global) options, `cli-arg-<path>-<name>` for a command's.
fn arg_key(path: &str, arg: &Arg) -> String {
    let name = arg.get_long().unwrap_or(arg.get_id().as_str()).replace('_', "-");
    if path.is_empty() { format!("cli-arg-{name}") } else { format!("cli-arg-{path}-{name}") }
}

/// Key of a value placeholder (`<DIR>`, `<FILE>`): `cli-value-` and the
/// name's letters and digits in lower case (`AGE1…` is `cli-value-age1`).
fn value_key(name: &str) -> String {
    let name: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("cli-value-{}", name.to_ascii_lowercase())
}

fn sub_path(path: &str, name: &str) -> String {
    if path.is_empty() { name.to_string() } else { format!("{path}-{name}") }
}

/// Our `--help` or `--version`, in place of clap's: listed last, as clap's.
fn builtin_flag(name: &'static str, short: char, action: ArgAction, help: String) -> Arg {
    Arg::new(name).short(short).long(name).action(action).help(help).display_order(usize::MAX)
}

/// First pass, before clap builds the tree: descriptions, placeholders and
/// our own `--help`/`--version` flags, on this command and those below.
fn localise(cmd: Command, tr: &Tr, path: &str) -> Command {
    let has_version = cmd.get_version().is_some();
    let mut cmd = if cmd.is_hide_set() { cmd } else { cmd.about(tr.t(&command_key(path))) };
    cmd = cmd
        .mut_args(|a| localise_arg(a, tr, path))
        // clap's built-in flags have English descriptions.
        .disable_help_flag(true)
        .arg(builtin_flag("help", 'h', ArgAction::Help, tr.t("cli-flag-help")))
        .mut_subcommands(|sub| {
            let path = sub_path(path, sub.get_name());
            localise(sub, tr, &path)
        });
    if has_version {
        cmd = cmd
            .disable_version_flag(true)
            .arg(builtin_flag("version", 'V', ArgAction::Version, tr.t("cli-flag-version")));
    }
    cmd
}

fn localise_arg(arg: Arg, tr: &Tr, path: &str) -> Arg {
    if arg.is_hide_set() {
        return arg;
    }
    let mut help = tr.t(&arg_key(path, &arg));
    let mut arg = arg;
    if arg.get_action().takes_values() {
        // clap appends "[default: …]" and "[possible values: …]" in English:
        // append them ourselves and hide clap's.
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !arg.is_hide_default_value_set() && defaults.iter().any(|d| !d.is_empty()) {
            help.push(' ');
            help.push_str(&tr.t_args("cli-help-default", &[("value", &defaults.join(" "))]));
        }
        let values: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !arg.is_hide_possible_values_set() && !values.is_empty() {
            help.push(' ');
            help.push_str(&tr.t_args("cli-help-possible-values", &[("values", &values.join(", "))]));
        }
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    let names: Vec<String> = shown_value_names(&arg).iter().map(|n| tr.t(&value_key(n.as_str()))).collect();
    if !names.is_empty() {
        arg = arg.value_names(names);
    }
    arg.help(help)
}

/// The placeholders help shows for `arg` (flags have a name clap never
/// shows).
fn shown_value_names(arg: &Arg) -> &[clap::builder::Str] {
    if arg.get_action().takes_values() { arg.get_value_names().unwrap_or_default() } else { &[] }
}

/// Second pass, on the built tree: the `help` command clap added, the usage
/// line and the help template of every command.
fn finish(cmd: &mut Command, tr: &Tr, is_top: bool) {
    let mut c = std::mem::take(cmd);
    if !is_top && c.get_name() == "help" {
        // Ours have other names: this is the one clap made.
        c = c.about(tr.t("cli-cmd-help"));
    }
    if c.has_subcommands() {
        c = c.subcommand_value_name(tr.t("cli-value-command"));
    }
    let usage = usage_line(&mut c, tr);
    let template = help_template(&c, tr);
    *cmd = c.override_usage(usage).help_template(template);
    for sub in cmd.get_subcommands_mut() {
        finish(sub, tr, false);
    }
}

/// clap's usage line without its English "Usage:" heading and with
/// "[OPTIONS]" translated (both are fixed strings in clap).
fn usage_line(cmd: &mut Command, tr: &Tr) -> StyledStr {
    let rendered = cmd.render_usage().ansi().to_string();
    // Styled, the heading is followed by an escape sequence, then a space.
    let body = rendered
        .split_once("Usage:")
        .and_then(|(_, rest)| rest.split_once(' '))
        .map_or(rendered.as_str(), |(_, body)| body);
    StyledStr::from(body.replace("[OPTIONS]", &format!("[{}]", tr.t("cli-usage-options"))))
}

/// clap's default help layout, with our headings. Only sections with
/// something to show are written, as clap does.
fn help_template(cmd: &Command, tr: &Tr) -> StyledStr {
    let styles = cmd.get_styles();
    let (header, usage) = (styles.get_header(), styles.get_usage());
    let section = |key: &str, tag: &str| format!("{header}{}:{header:#}\n{{{tag}}}", tr.t(key));
    let mut sections = Vec::new();
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        sections.push(section("cli-heading-commands", "subcommands"));
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        sections.push(section("cli-heading-arguments", "positionals"));
    }
    if cmd.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        sections.push(section("cli-heading-options", "options"));
    }
    let heading = tr.t("cli-heading-usage");
    let mut template = format!("{{before-help}}{{about-with-newline}}\n{usage}{heading}:{usage:#} {{usage}}");
    if !sections.is_empty() {
        template.push_str("\n\n");
        template.push_str(&sections.join("\n\n"));
    }
    template.push_str("{after-help}");
    StyledStr::from(template)
}

/// Print help, the version or a usage error; the exit code to end with
/// (0 for help and the version, 2 for usage errors).
pub fn report(err: &clap::Error, lang: Lang) -> ExitCode {
    match err.kind() {
        // Rendered from the translated tree already.
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
        }
        _ => eprint!("{}", error_text(err, &Tr(lang))),
    }
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

fn context_string(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("', '")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

/// A usage error as our other errors look ("testimony-vault: …"), followed
/// like clap's by tips, the usage line and where to find help.
fn error_text(err: &clap::Error, tr: &Tr) -> String {
    let message = usage_message(err, tr).unwrap_or_else(|| {
        // Whatever else clap reports: its own sentence, inside ours.
        let rendered = err.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        let detail = first.strip_prefix("error: ").unwrap_or(first).trim();
        tr.t_args("cli-usage-invalid", &[("detail", detail)])
    });
    let mut text = format!("testimony-vault: {message}\n");
    let tips = tips(err, tr);
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text.push_str(&format!("  {}: {tip}\n", tr.t("cli-usage-tip")));
        }
    }
    if let Some(usage) = context_string(err, ContextKind::Usage) {
        let body = usage.split_once("Usage:").map_or(usage.as_str(), |(_, b)| b).trim();
        text.push_str(&format!("\n{}: {body}\n", tr.t("cli-heading-usage")));
    }
    text.push_str(&format!("\n{}\n", tr.t_args("cli-usage-try-help", &[("flag", "--help")])));
    text
}

/// Our sentence for the kinds of usage error we know; `None` for the rest
/// (and for one without the context its sentence needs).
fn usage_message(err: &clap::Error, tr: &Tr) -> Option<String> {
    let get = |kind| context_string(err, kind);
    let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
    match err.kind() {
        ErrorKind::UnknownArgument => arg.map(|a| tr.t_args("cli-usage-unknown-argument", &[("arg", &a)])),
        ErrorKind::InvalidValue => invalid_value(err, tr, arg?, value?),
        ErrorKind::ValueValidation => {
            let (a, v) = (arg?, value?);
            let detail = std::error::Error::source(err).map(|s| s.to_string()).unwrap_or_default();
            Some(tr.t_args("cli-usage-value-validation", &[("arg", &a), ("value", &v), ("detail", &detail)]))
        }
        ErrorKind::MissingRequiredArgument => missing_required(err, tr),
        ErrorKind::InvalidSubcommand => {
            get(ContextKind::InvalidSubcommand).map(|c| tr.t_args("cli-usage-unknown-command", &[("command", &c)]))
        }
        ErrorKind::MissingSubcommand => {
            get(ContextKind::InvalidSubcommand).map(|c| tr.t_args("cli-usage-missing-command", &[("command", &c)]))
        }
        ErrorKind::ArgumentConflict => conflict(tr, arg.or_else(|| get(ContextKind::InvalidSubcommand))?, get(ContextKind::PriorArg)),
        ErrorKind::NoEquals => arg.map(|a| tr.t_args("cli-usage-no-equals", &[("arg", &a)])),
        ErrorKind::TooManyValues => Some(tr.t_args("cli-usage-too-many-values", &[("arg", &arg?), ("value", &value?)])),
        ErrorKind::WrongNumberOfValues => {
            let (a, e, n) = (arg?, get(ContextKind::ExpectedNumValues)?, get(ContextKind::ActualNumValues)?);
            Some(tr.t_args("cli-usage-wrong-number-of-values", &[("arg", &a), ("expected", &e), ("actual", &n)]))
        }
        ErrorKind::TooFewValues => {
            let (a, min, n) = (arg?, get(ContextKind::MinValues)?, get(ContextKind::ActualNumValues)?);
            Some(tr.t_args("cli-usage-too-few-values", &[("arg", &a), ("min", &min), ("actual", &n)]))
        }
        ErrorKind::InvalidUtf8 => Some(tr.t("cli-usage-invalid-utf8")),
        _ => None,
    }
}

/// A value not among those allowed (or none given), with the allowed ones.
fn invalid_value(err: &clap::Error, tr: &Tr, arg: String, value: String) -> Option<String> {
    let m = if value.is_empty() {
        tr.t_args("cli-usage-value-missing", &[("arg", &arg)])
    } else {
        tr.t_args("cli-usage-invalid-value", &[("arg", &arg), ("value", &value)])
    };
    Some(match err.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(valid)) if !valid.is_empty() => {
            format!("{m}\n  {}", tr.t_args("cli-help-possible-values", &[("values", &valid.join(", "))]))
        }
        _ => m,
    })
}

/// The required arguments missing, one a line.
fn missing_required(err: &clap::Error, tr: &Tr) -> Option<String> {
    let Some(ContextValue::Strings(missing)) = err.get(ContextKind::InvalidArg) else { return None };
    let mut m = tr.t("cli-usage-missing-required");
    for a in missing {
        m.push_str("\n  ");
        m.push_str(a);
    }
    Some(m)
}

/// An argument given twice, or with one it excludes.
fn conflict(tr: &Tr, arg: String, prior: Option<String>) -> Option<String> {
    Some(match prior {
        Some(p) if arg == p => tr.t_args("cli-usage-repeated", &[("arg", &arg)]),
        Some(p) => tr.t_args("cli-usage-conflict", &[("arg", &arg), ("other", &p)]),
        None => tr.t_args("cli-usage-conflict-any", &[("arg", &arg)]),
    })
}

/// "Did you mean" hints. clap gives some as ready-made English sentences;
/// those of known shape are rewritten, others passed on as they are.
fn tips(err: &clap::Error, tr: &Tr) -> Vec<String> {
    let get = |kind| context_string(err, kind).filter(|s| !s.is_empty());
    let mut tips = Vec::new();
    if let Some(c) = get(ContextKind::SuggestedSubcommand) {
        tips.push(tr.t_args("cli-usage-similar-command", &[("command", &c)]));
    }
    if let Some(a) = get(ContextKind::SuggestedArg) {
        tips.push(tr.t_args("cli-usage-similar-argument", &[("arg", &a)]));
    }
    if let Some(v) = get(ContextKind::SuggestedValue) {
        tips.push(tr.t_args("cli-usage-similar-value", &[("value", &v)]));
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = err.get(ContextKind::Suggested) {
        for s in suggestions {
            let s = s.to_string();
            let quoted: Vec<&str> = s.split('\'').skip(1).step_by(2).collect();
            let tip = match quoted.as_slice() {
                [arg, usage] if s.starts_with("to pass ") => {
                    tr.t_args("cli-usage-as-value", &[("arg", arg), ("usage", usage)])
                }
                [command, _dashes] if s.starts_with("subcommand ") => {
                    tr.t_args("cli-usage-remove-dashes", &[("command", command)])
                }
                [usage] if s.ends_with("' exists") => tr.t_args("cli-usage-exists", &[("usage", usage)]),
                _ => s,
            };
            tips.push(tip);
        }
    }
    tips
}

#[cfg(test)]
mod tests {
    use super::{arg_key, command, command_key, error_text, lang_flag, shown_value_names, sub_path, value_key, Cli, Tr};
    use crate::i18n::{self, Lang};
    use clap::error::ErrorKind;
    use clap::{Arg, ArgAction, Command, CommandFactory};
    use std::ffi::OsString;

    /// Keys the help of every visible command and argument needs.
    fn needed_keys(cmd: &Command, path: &str, keys: &mut Vec<String>) {
        keys.push(command_key(path));
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            keys.push(arg_key(path, arg));
            keys.extend(shown_value_names(arg).iter().map(|n| value_key(n.as_str())));
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            needed_keys(sub, &sub_path(path, sub.get_name()), keys);
        }
    }

    /// A new command, flag or placeholder without its text in both
    /// languages fails here.
    #[test]
    fn every_visible_command_and_argument_has_a_text_in_both_languages() {
        let mut keys = Vec::new();
        needed_keys(&Cli::command(), "", &mut keys);
        assert!(keys.len() > 40, "the walk found only {} keys", keys.len());
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            for key in &keys {
                if !i18n::has_key(lang, key) {
                    missing.push(format!("{key} ({lang:?})"));
                }
            }
        }
        assert!(missing.is_empty(), "no text for: {missing:?}");
    }

    /// Every command's help, rendered, with each line checked for what
    /// clap would have written in English.
    fn all_help(cmd: &mut Command, out: &mut Vec<(String, String)>) {
        out.push((cmd.get_name().to_string(), cmd.render_help().to_string()));
        for sub in cmd.get_subcommands_mut() {
            all_help(sub, out);
        }
    }

    #[test]
    fn korean_help_has_no_english_left() {
        let mut helps = Vec::new();
        all_help(&mut command(Lang::Ko), &mut helps);
        assert!(helps.len() > 10);
        let english = [
            "Usage:", "Commands:", "Options:", "Arguments:", "[OPTIONS]", "COMMAND", "Print help", "Print version",
            "Print this message", "[default:", "[possible values:", "cli-",
        ];
        for (name, help) in &helps {
            for word in english {
                assert!(!help.contains(word), "{word:?} in the Korean help of {name}:\n{help}");
            }
            assert!(help.contains("사용법:"), "{name}:\n{help}");
        }
        let export = &helps.iter().find(|(n, _)| n == "export").unwrap().1;
        assert!(export.contains("옵션:") && export.contains("[기본값: full]") && export.contains("<파일>"), "{export}");
    }

    #[test]
    fn english_help_keeps_clap_layout() {
        let help = command(Lang::En).render_help().to_string();
        assert!(help.starts_with(&i18n::t_in(Lang::En, "cli-about", &[])), "{help}");
        let parts = ["Usage: testimony-vault [OPTIONS] [COMMAND]", "\n\nCommands:\n  init ", "\n\nOptions:\n", "-h, --help", "-V, --version"];
        for part in parts {
            assert!(help.contains(part), "{part:?} missing:\n{help}");
        }
        let mut cmd = command(Lang::En);
        let attach = cmd.find_subcommand_mut("attach").unwrap().render_help().to_string();
        let expected = "Usage: testimony-vault attach [OPTIONS] <CASE> <FILE>\n\nArguments:\n  <CASE>";
        assert!(attach.contains(expected), "{attach}");
    }

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_flag_is_found_before_parsing() {
        assert_eq!(lang_flag(&args(&["tv", "--lang", "ko", "list"])).as_deref(), Some("ko"));
        assert_eq!(lang_flag(&args(&["tv", "list", "--lang=en"])).as_deref(), Some("en"));
        assert_eq!(lang_flag(&args(&["tv", "list"])), None);
        assert_eq!(lang_flag(&args(&["tv", "--lang"])), None);
        // After `--` it is a value, not the option.
        assert_eq!(lang_flag(&args(&["tv", "attach", "--", "--lang", "ko"])), None);
    }

    fn error(lang: Lang, list: &[&str]) -> String {
        let err = command(lang).try_get_matches_from(args(list)).unwrap_err();
        error_text(&err, &Tr(lang))
    }

    #[test]
    fn usage_errors_in_korean_name_what_was_wrong() {
        let e = error(Lang::Ko, &["tv", "list", "--jsn"]);
        assert!(e.starts_with("testimony-vault: 알 수 없는 인수입니다: '--jsn'"), "{e}");
        assert!(e.contains("비슷한 인수가 있습니다: '--json'") && e.contains("사용법: testimony-vault list [옵션]"), "{e}");
        let e = error(Lang::Ko, &["tv", "export", "--profile", "everything"]);
        assert!(e.contains("'everything'") && e.contains("--profile <프로필>") && e.contains("[가능한 값: full, pseudonymised"), "{e}");
        let e = error(Lang::Ko, &["tv", "export", "--profile"]);
        assert!(e.contains("'--profile <프로필>'에 값이 필요합니다"), "{e}");
        let e = error(Lang::Ko, &["tv", "attach", "NK-2026-0001"]);
        assert!(e.contains("필수 인수") && e.contains("\n  <파일>"), "{e}");
        let e = error(Lang::Ko, &["tv", "lis"]);
        assert!(e.contains("알 수 없는 명령입니다: 'lis'") && e.contains("'list'"), "{e}");
        let e = error(Lang::Ko, &["tv", "resolve", "not-a-uuid", "--keep", "ours"]);
        assert!(e.contains("'not-a-uuid'") && e.contains("<ID>"), "{e}");
        let e = error(Lang::Ko, &["tv", "--lang", "ko", "--lang", "en"]);
        assert!(e.contains("한 번만"), "{e}");
        for e in [&e, &error(Lang::Ko, &["tv", "--nope"])] {
            assert!(!e.contains("error:") && !e.contains("Usage:") && !e.contains("For more information"), "{e}");
        }
    }

    /// Kinds our own command line cannot produce today, on a made-up one:
    /// each has its own sentence, not the catch-all.
    #[test]
    fn rarer_usage_errors_have_their_own_text() {
        let cmd = Command::new("tv")
            .arg(Arg::new("pair").long("pair").num_args(2))
            .arg(Arg::new("some").long("some").num_args(2..))
            .arg(Arg::new("eq").long("eq").require_equals(true))
            .arg(Arg::new("one").long("one").action(ArgAction::SetTrue).conflicts_with("two"))
            .arg(Arg::new("two").long("two").action(ArgAction::SetTrue));
        let cases: [(&[&str], ErrorKind, &str); 5] = [
            (&["tv", "--pair", "a"], ErrorKind::WrongNumberOfValues, "--pair"),
            (&["tv", "--some", "a"], ErrorKind::TooFewValues, "--some"),
            (&["tv", "--one=yes"], ErrorKind::TooManyValues, "'yes'"),
            (&["tv", "--eq", "x"], ErrorKind::NoEquals, "--eq"),
            (&["tv", "--one", "--two"], ErrorKind::ArgumentConflict, "--two"),
        ];
        for (line, kind, named) in cases {
            let err = cmd.clone().try_get_matches_from(args(line)).unwrap_err();
            assert_eq!(err.kind(), kind, "{line:?}");
            for lang in Lang::ALL {
                let text = error_text(&err, &Tr(lang));
                let catch_all = i18n::t_in(lang, "cli-usage-invalid", &[("detail", "")]);
                assert!(!text.contains(catch_all.trim()) && text.contains(named), "{line:?} in {lang:?}: {text}");
            }
        }
    }

    #[test]
    fn usage_errors_in_english() {
        let e = error(Lang::En, &["tv", "list", "--jsn"]);
        assert!(e.starts_with("testimony-vault: Unknown argument '--jsn'."), "{e}");
        assert!(e.contains("tip: a similar argument exists: '--json'"), "{e}");
        assert!(e.contains("\nUsage: testimony-vault list [OPTIONS]\n"), "{e}");
        assert!(e.ends_with("For more information, try '--help'.\n"), "{e}");
    }
}
