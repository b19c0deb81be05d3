//! clap's own output in the user's language: `--help` for every command,
//! the usage line and clap's usage errors.
//!
//! clap writes English and has no translation hook, so the command tree from
//! `#[derive(Parser)]` is rewritten before parsing: every description comes
//! from the .ftl files, the built-in `--help`/`--version` flags are replaced
//! by our own, and each command gets a help template with translated
//! headings.

use super::Cli;
use crate::i18n::{self, Lang};
use clap::builder::StyledStr;
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
    parsed.map_err(|e| report(&e))
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
pub fn report(err: &clap::Error) -> ExitCode {
    let _ = err.print();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
