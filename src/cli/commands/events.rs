//! `events list|show|create|link|unlink|suggest|reject|standard`: events
//! that tie incidents of several cases together, their corroboration and
//! the suggestions (see [`crate::events`]). Incidents are named `CASE#N`
//! (code or id, and the incident's number in the case) or by case and
//! incident id.

use super::{find_case, say, say_open_report, Context};
use crate::cli::args::{EventsAction, EventsArgs, EventsCreateArgs, EventsRejectArgs, EventsStandardArgs};
use crate::cli::error::{say_error, CliError};
use crate::events::corroborate::{corroborate, Corroboration};
use crate::events::suggest::suggest;
use crate::events::{account, store, Account, Event, EventBook, EventError, Link, Rejection, Target};
use crate::i18n::labels::{perpetrator_label, source_label, violation_label};
use crate::i18n::{t, t_args};
use crate::model::DateRange;
use crate::vault::Vault;
use uuid::Uuid;

pub fn run(ctx: &Context, args: EventsArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let mut book = load(&vault)?;
    match args.action {
        EventsAction::List(a) => list(&vault, &book, a.json),
        EventsAction::Show(a) => show(&vault, &book, &a.event, a.json),
        EventsAction::Suggest(a) => print_suggestions(&vault, &book, a.json),
        EventsAction::Create(a) => {
            let event = create(&vault, &mut book, a)?;
            store::save(&vault, &book)?;
            say(t_args("cli-events-created", &[("id", &event.to_string()), ("title", &book.get(event).map(|e| e.title.clone()).unwrap_or_default())]));
            Ok(())
        }
        EventsAction::Link(a) => {
            let event = book.find(&a.event)?;
            let (acc, _) = incident(&vault, &a.incident)?;
            if book.link(event, acc.link())? {
                store::save(&vault, &book)?;
            }
            say(t_args("cli-events-linked", &[("incident", &acc.label()), ("title", &title(&book, event))]));
            Ok(())
        }
        EventsAction::Unlink(a) => {
            let (acc, _) = incident(&vault, &a.incident)?;
            let event = book.unlink(acc.incident)?;
            store::save(&vault, &book)?;
            say(t_args("cli-events-unlinked", &[("incident", &acc.label()), ("title", &title(&book, event))]));
            Ok(())
        }
        EventsAction::Reject(a) => reject(&vault, &mut book, a),
        EventsAction::Standard(a) => standard(&vault, &mut book, a),
        EventsAction::Resolve(a) => {
            let event = book.find(&a.event)?;
            let n = book.resolve(event, a.take_theirs)?;
            store::save(&vault, &book)?;
            let key = if a.take_theirs { "cli-events-resolved-theirs" } else { "cli-events-resolved-ours" };
            say(t_args(key, &[("title", &title(&book, event)), ("count", &n.to_string())]));
            Ok(())
        }
    }
}

/// The book, saying any damage it fell back from.
pub fn load(vault: &Vault) -> Result<EventBook, CliError> {
    let loaded = store::load(vault)?;
    for w in &loaded.warnings {
        say_error(w);
    }
    Ok(loaded.book)
}

/// Every account of the vault; cases that do not open are said.
pub fn accounts(vault: &Vault) -> Vec<Account> {
    let (cases, damaged): (Vec<_>, Vec<_>) = vault.load_all().into_iter().partition(Result::is_ok);
    let cases: Vec<_> = cases.into_iter().flatten().collect();
    for e in damaged.into_iter().filter_map(Result::err) {
        say_error(e);
    }
    say_open_report(vault);
    account::accounts(&cases)
}

fn title(book: &EventBook, id: Uuid) -> String {
    book.get(id).map(|e| e.title.clone()).unwrap_or_default()
}

/// An incident named `CASE#N`, or by two words (case, number or id).
fn incident(vault: &Vault, words: &[String]) -> Result<(Account, Vec<Account>), CliError> {
    let (case_text, inc_text) = match words {
        [one] => one.rsplit_once('#').map(|(c, n)| (c.to_string(), n.to_string())).ok_or_else(|| no_incident(one, ""))?,
        [case, inc] => (case.clone(), inc.clone()),
        _ => return Err(no_incident(&words.join(" "), "")),
    };
    let case_id = find_case(vault, &case_text)?;
    let case = vault.load_case(case_id)?;
    let all = account::accounts(std::iter::once(&case));
    let found = all.iter().find(|a| {
        inc_text.parse::<usize>().is_ok_and(|n| n == a.number) || Uuid::parse_str(&inc_text).is_ok_and(|id| id == a.incident)
    });
    match found {
        Some(a) => Ok((a.clone(), all.clone())),
        None => Err(no_incident(&case_text, &inc_text)),
    }
}

fn no_incident(case: &str, incident: &str) -> CliError {
    EventError::NoSuchIncident { case: case.to_string(), incident: incident.to_string() }.into()
}

fn create(vault: &Vault, book: &mut EventBook, a: EventsCreateArgs) -> Result<Uuid, CliError> {
    let mut event = Event::new(a.title, a.violation);
    if let Some(d) = a.date {
        event.date = DateRange::parse(&d).map_err(|e| CliError::BadDate { input: d.clone(), detail: e.to_string() })?;
    }
    event.province = a.province.unwrap_or_default();
    event.county = a.county.unwrap_or_default();
    event.place = a.place.unwrap_or_default();
    event.perpetrator = a.perpetrator.unwrap_or_default();
    event.description = a.description.unwrap_or_default();
    for text in &a.incident {
        let (acc, _) = incident(vault, std::slice::from_ref(text))?;
        if !event.links.contains(&acc.link()) {
            event.links.push(acc.link());
        }
    }
    let id = book.add(event)?;
    if a.json {
        say(serde_json::to_string_pretty(&book.get(id)).map_err(|e| CliError::io("-", e))?);
    }
    Ok(id)
}

fn list(vault: &Vault, book: &EventBook, json: bool) -> Result<(), CliError> {
    if json {
        return say_json(&book.events);
    }
    for e in &book.events {
        let codes: Vec<String> = e
            .links
            .iter()
            .map(|l| vault.summary(l.case).map(|s| s.code.clone()).unwrap_or_else(|| l.case.to_string()))
            .collect();
        say(t_args(
            "cli-events-line",
            &[
                ("id", &e.id.simple().to_string()[..8]),
                ("title", &e.title),
                ("violation", &violation_label(e.violation)),
                ("date", &e.date.to_iso()),
                ("incidents", &e.links.len().to_string()),
                ("cases", &codes.join(", ")),
            ],
        ));
    }
    say(t_args("cli-events-count", &[("count", &book.events.len().to_string())]));
    if !book.conflicts.is_empty() {
        say(t_args("cli-events-conflicts", &[("count", &book.conflicts.len().to_string())]));
    }
    Ok(())
}

fn say_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    say(serde_json::to_string_pretty(value).map_err(|e| CliError::io("-", e))?);
    Ok(())
}

fn show(vault: &Vault, book: &EventBook, text: &str, json: bool) -> Result<(), CliError> {
    let event = book.get(book.find(text)?).expect("found above");
    let view = corroborate(event, &accounts(vault), book.standard);
    if json {
        let conflicts: Vec<_> = book.conflicts.iter().filter(|c| c.theirs.id == event.id).collect();
        return say_json(&serde_json::json!({ "event": event, "corroboration": view, "conflicts": conflicts }));
    }
    say(format!("{} ({})", event.title, event.id));
    say(t_args("cli-events-what", &[("violation", &violation_label(event.violation)), ("date", &event.date.to_iso())]));
    print_corroboration(&view);
    for c in book.conflicts.iter().filter(|c| c.theirs.id == event.id) {
        say(t_args("cli-events-conflict", &[("fields", &c.fields.join(", ")), ("blocked", &c.blocked_links.len().to_string())]));
    }
    Ok(())
}

fn mark(agrees: bool) -> &'static str {
    if agrees { "" } else { " ≠" }
}

fn print_corroboration(view: &Corroboration) {
    for tm in &view.testimonies {
        let a = &tm.account;
        let place = [a.province.as_str(), a.county.as_str(), a.place.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" / ");
        say(format!(
            "  {}  {}  [{}]  {}{}  {}{}  {}{}",
            a.label(),
            a.pseudonym,
            source_label(a.source),
            a.date.to_iso(),
            mark(tm.date_agrees),
            place,
            mark(tm.place_agrees),
            perpetrator_label(a.perpetrator),
            mark(tm.perpetrator_agrees)
        ));
    }
    for l in &view.missing {
        say_error(t_args("cli-events-missing-incident", &[("case", &l.case.to_string()), ("incident", &l.incident.to_string())]));
    }
    let verdict = |v: crate::events::corroborate::Verdict| t(&format!("events-verdict-{}", v.key()));
    say(t_args(
        "cli-events-agreement",
        &[("dates", &verdict(view.dates)), ("place", &verdict(view.place)), ("perpetrator", &verdict(view.perpetrator))],
    ));
    let badge = if view.meets_standard { "events-standard-met" } else { "events-standard-not-met" };
    say(t_args(
        "cli-events-sources",
        &[
            ("sources", &view.sources.to_string()),
            ("first", &view.first_hand.to_string()),
            ("verdict", &t_args(badge, &standard_args(view.standard).each_ref().map(|(k, v)| (*k, v.as_str())))),
        ],
    ));
}

fn standard_args(s: crate::events::Standard) -> [(&'static str, String); 2] {
    [("sources", s.min_sources.to_string()), ("first", s.min_first_hand.to_string())]
}

fn print_suggestions(vault: &Vault, book: &EventBook, json: bool) -> Result<(), CliError> {
    let accounts = accounts(vault);
    let found = suggest(&accounts, book);
    if json {
        return say_json(&found);
    }
    let label = |l: &Link| account::find(&accounts, l).map(|a| a.label()).unwrap_or_else(|| l.incident.to_string());
    for s in &found {
        let target = match s.target {
            Target::Event(e) => t_args("cli-events-suggest-event", &[("title", &title(book, e))]),
            Target::Incident(l) => t_args("cli-events-suggest-incident", &[("incident", &label(&l))]),
        };
        say(format!("{:.2}  {}  →  {}", s.score, label(&s.incident), target));
    }
    say(t_args("cli-events-suggest-count", &[("count", &found.len().to_string())]));
    Ok(())
}

fn reject(vault: &Vault, book: &mut EventBook, a: EventsRejectArgs) -> Result<(), CliError> {
    let (acc, _) = incident(vault, std::slice::from_ref(&a.incident))?;
    let target = match (&a.with, &a.event) {
        (Some(other), _) => Target::Incident(incident(vault, std::slice::from_ref(other))?.0.link()),
        (None, Some(e)) => Target::Event(book.find(e)?),
        (None, None) => return Err(EventError::NoSuchEvent(String::new()).into()),
    };
    book.reject(Rejection { incident: acc.link(), target });
    store::save(vault, book)?;
    say(t_args("cli-events-rejected", &[("incident", &acc.label())]));
    Ok(())
}

fn standard(vault: &Vault, book: &mut EventBook, a: EventsStandardArgs) -> Result<(), CliError> {
    if a.sources.is_some() || a.first_hand.is_some() {
        book.standard.min_sources = a.sources.unwrap_or(book.standard.min_sources);
        book.standard.min_first_hand = a.first_hand.unwrap_or(book.standard.min_first_hand);
        store::save(vault, book)?;
    }
    let args = standard_args(book.standard);
    say(t_args("cli-events-standard", &args.each_ref().map(|(k, v)| (*k, v.as_str()))));
    Ok(())
}

