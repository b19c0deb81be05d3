//! `stats [--json] [--violation V] [--province P] [--from YEAR] [--until
//! YEAR] [--status S]`: incidents and distinct events by violation type ×
//! year × province, and incidents by how the witnesses know; the same
//! figures the window charts (see [`crate::events::stats`]).

use super::events::{accounts, load};
use super::{say, Context};
use crate::cli::args::StatsArgs;
use crate::cli::error::CliError;
use crate::events::stats::{stats, Filter};
use crate::i18n::labels::{source_label, violation_label};
use crate::i18n::{t, t_args};

pub fn run(ctx: &Context, args: StatsArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let book = load(&vault)?;
    let filter = Filter {
        violation: args.violation,
        province: args.province,
        from_year: args.from,
        until_year: args.until,
        status: args.status.map(Into::into),
        source: None,
    };
    let figures = stats(&accounts(&vault), &book, &filter);
    if args.json {
        say(serde_json::to_string_pretty(&figures).map_err(|e| CliError::io("-", e))?);
        return Ok(());
    }
    let header = ["cli-stats-violation", "cli-stats-year", "cli-stats-province", "cli-stats-incidents", "cli-stats-events", "cli-stats-unlinked"];
    say(header.map(t).join("\t"));
    for r in &figures.rows {
        let province = if r.province.is_empty() { t("cli-stats-unknown") } else { r.province.clone() };
        let year = r.year.map(|y| y.to_string()).unwrap_or_else(|| t("cli-stats-unknown"));
        say(format!("{}\t{year}\t{province}\t{}\t{}\t{}", violation_label(r.violation), r.incidents, r.events, r.unlinked));
    }
    for (source, n) in &figures.by_source {
        say(t_args("cli-stats-source", &[("source", &source_label(*source)), ("count", &n.to_string())]));
    }
    let total = &figures.total;
    say(t_args(
        "cli-stats-total",
        &[("incidents", &total.incidents.to_string()), ("events", &total.events.to_string()), ("unlinked", &total.unlinked.to_string())],
    ));
    Ok(())
}
