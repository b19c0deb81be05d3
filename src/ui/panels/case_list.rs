//! The list of cases: search, filters, sort, and a virtualised table that
//! lays out only the rows on screen, so 10,000 cases cost what 30 do.
//!
//! Work is cached: the sorted order is recomputed only when the data or the
//! sort change, the visible rows only when the query, filters, search hits or
//! order change. Full-text search runs on the app's search thread; until it
//! answers (and before the full text is loaded) the summaries are searched.

use crate::ui::widgets::{error_text, expire_notice, field_id, format_time, status_label, violation_label, SENSITIVE_COLOUR};
use crate::ui::{Action, BundleAction, CaseAction, Nav};
use crate::i18n::{self, t, t_args, Lang};
use crate::model::{CaseStatus, CaseSummary, FuzzyDate, ViolationType};
use crate::search::normalise;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortColumn {
    Code,
    Pseudonym,
    InterviewDate,
    Status,
    Incidents,
    Updated,
}

impl SortColumn {
    pub const ALL: [SortColumn; 6] = [
        SortColumn::Code,
        SortColumn::Pseudonym,
        SortColumn::InterviewDate,
        SortColumn::Status,
        SortColumn::Incidents,
        SortColumn::Updated,
    ];
    fn label(self) -> String {
        t(match self {
            SortColumn::Code => "list-col-code",
            SortColumn::Pseudonym => "list-col-pseudonym",
            SortColumn::InterviewDate => "list-col-date",
            SortColumn::Status => "list-col-status",
            SortColumn::Incidents => "list-col-incidents",
            SortColumn::Updated => "list-col-updated",
        })
    }
}

/// The filters above the table. Empty text means no limit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub status: Option<CaseStatus>,
    pub violation: Option<ViolationType>,
    pub province: Option<String>,
    pub date_from: String,
    pub date_to: String,
}

/// How far full-text search over every case is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FullText {
    /// No search thread: only the summaries are searched.
    Off,
    /// The search thread is decrypting every case.
    Loading,
    /// The search thread has the full text of every case.
    Ready,
}

/// One case as the list shows it, with display text prepared once (in
/// the interface language of the time: see [`CaseList::relabel`]).
struct Row {
    summary: CaseSummary,
    date: String,
    violations: String,
    /// Normalised code, pseudonym, provinces and date: searched until the
    /// full text is ready.
    quick: String,
}

impl Row {
    fn new(summary: CaseSummary, labels: &ViolationLabels) -> Row {
        let date = summary.interview_date.as_ref().map(FuzzyDate::to_iso).unwrap_or_default();
        let violations = labels.text(&summary);
        let quick = normalise(&format!("{}\n{}\n{}\n{}", summary.code, summary.pseudonym, summary.provinces.join("\n"), date));
        Row { summary, date, violations, quick }
    }
}

/// The incident types' labels in the interface language, looked up once
/// per list (not once per row: 100,000 rows made Fluent a visible part of
/// an unlock).
struct ViolationLabels(Vec<String>);

impl ViolationLabels {
    fn now() -> ViolationLabels {
        ViolationLabels(ViolationType::ALL.iter().map(|v| violation_label(*v)).collect())
    }

    fn text(&self, summary: &CaseSummary) -> String {
        let label = |v: &ViolationType| ViolationType::ALL.iter().position(|x| x == v).map_or("", |i| self.0[i].as_str());
        summary.violations.iter().map(label).collect::<Vec<_>>().join(", ")
    }
}

/// Rows for every summary, prepared on every core (dates, labels and the
/// normalised search text cost a few microseconds a case), in order.
fn build_rows(summaries: Vec<CaseSummary>) -> Vec<Row> {
    let labels = ViolationLabels::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let chunk = summaries.len().div_ceil(threads).max(1);
    let mut parts: Vec<Vec<CaseSummary>> = Vec::new();
    let mut rest = summaries;
    while rest.len() > chunk {
        let tail = rest.split_off(chunk);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    let labels = &labels;
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || part.into_iter().map(|summary| Row::new(summary, labels)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("preparing rows does not panic")).collect()
    })
}

impl Drop for Row {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.summary.pseudonym.zeroize();
        self.summary.code.zeroize();
        self.summary.provinces.iter_mut().for_each(|p| p.zeroize());
        self.quick.zeroize();
    }
}

/// What the visible rows were computed from.
#[derive(Clone, PartialEq)]
struct ViewKey {
    query: String,
    filters: Filters,
    order_generation: u64,
    hits_generation: u64,
}

pub struct CaseList {
    rows: Vec<Row>,
    by_id: HashMap<Uuid, usize>,
    pub query: String,
    pub filters: Filters,
    sort: SortColumn,
    ascending: bool,
    /// Row indices in sort order.
    order: Vec<usize>,
    order_valid: bool,
    /// Ascending order per column, sorted once when the list is built and
    /// kept in order through saves, so a header click never sorts.
    sorted_by: HashMap<SortColumn, Vec<usize>>,
    order_generation: u64,
    /// Row indices shown, in order.
    visible: Vec<usize>,
    view_key: Option<ViewKey>,
    provinces: Vec<String>,
    date_from_error: Option<String>,
    date_to_error: Option<String>,

    /// Whether full-text search is available (cases loaded on the search thread).
    full_text: FullText,
    /// The interface language the rows' labels were prepared in.
    language: Lang,
    /// Number of the last query handed to the search thread, and the query.
    search_seq: u64,
    requested: Option<String>,
    /// Full-text hits for `hits_query`, as a mask over rows.
    hits: Option<Vec<bool>>,
    hits_query: String,
    hits_generation: u64,

    pub damaged: Vec<String>,
    /// Cases whose file vanished (their messages are in `damaged`).
    pub missing: usize,
    /// Set by the app: a message after saving, locking, etc.
    pub notice: Option<String>,
    /// Cases ticked for export.
    pub selected: HashSet<Uuid>,
    /// Stored conflicts (set by the app); shown as a badge when non-zero.
    pub conflicts: usize,
    /// Which notice is shown since when (notices go after a while).
    notice_seen: Option<(String, f64)>,
}

impl CaseList {
    pub fn new(summaries: impl IntoIterator<Item = CaseSummary>) -> CaseList {
        let rows = build_rows(summaries.into_iter().collect());
        let mut list = CaseList {
            by_id: HashMap::new(),
            rows,
            query: String::new(),
            filters: Filters::default(),
            sort: SortColumn::Updated,
            ascending: false,
            order: Vec::new(),
            order_valid: false,
            sorted_by: HashMap::new(),
            order_generation: 0,
            visible: Vec::new(),
            view_key: None,
            provinces: Vec::new(),
            date_from_error: None,
            date_to_error: None,
            full_text: FullText::Off,
            language: i18n::language(),
            search_seq: 0,
            requested: None,
            hits: None,
            hits_query: String::new(),
            hits_generation: 0,
            damaged: Vec::new(),
            missing: 0,
            notice: None,
            selected: HashSet::new(),
            conflicts: 0,
            notice_seen: None,
        };
        list.data_changed();
        list
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Ids of the rows currently shown, in order (recomputed if stale).
    pub fn visible_ids(&mut self) -> Vec<Uuid> {
        self.refresh();
        self.visible.iter().map(|&i| self.rows[i].summary.id).collect()
    }

    /// Add or replace one case's summary (after a save).
    pub fn upsert(&mut self, summary: CaseSummary) {
        // New provinces join the filter list; one no longer used stays until
        // the next unlock (choosing it shows no rows), which spares a scan
        // of every case on each save.
        for p in &summary.provinces {
            if let Err(at) = self.provinces.binary_search(p) {
                self.provinces.insert(at, p.clone());
            }
        }
        match self.by_id.get(&summary.id) {
            Some(&i) => {
                self.rows[i] = Row::new(summary, &ViolationLabels::now());
                self.reposition(i, false);
            }
            None => {
                let id = summary.id;
                self.rows.push(Row::new(summary, &ViolationLabels::now()));
                self.by_id.insert(id, self.rows.len() - 1);
                if let Some(h) = &mut self.hits {
                    h.push(false);
                }
                self.reposition(self.rows.len() - 1, true);
            }
        }
        // The case's text changed: its full-text hits must be asked again.
        self.requested = None;
    }

    /// What the check of the case files after unlock found: changed cases
    /// take their new summary, damaged or vanished ones leave the list
    /// (rare: every order is sorted again), and the user is told.
    pub fn apply_check(&mut self, checked: crate::vault::CheckReport) {
        for summary in checked.changed {
            self.upsert(summary);
        }
        if !checked.removed.is_empty() {
            let gone: HashSet<Uuid> = checked.removed.into_iter().collect();
            self.rows.retain(|r| !gone.contains(&r.summary.id));
            self.selected.retain(|id| !gone.contains(id));
            // The hits were a mask over the old rows: asked again.
            self.hits = None;
            self.requested = None;
            self.view_key = None;
            self.data_changed();
        }
        for d in checked.said {
            if !self.damaged.contains(&d) {
                self.damaged.push(d);
            }
        }
        self.missing += checked.missing;
    }

    /// The column the rows are sorted by, and whether ascending.
    pub fn sort(&self) -> (SortColumn, bool) {
        (self.sort, self.ascending)
    }

    pub fn set_sort(&mut self, column: SortColumn, ascending: bool) {
        self.sort = column;
        self.ascending = ascending;
        self.order_valid = false;
    }

    /// The search thread has started loading every case.
    pub fn full_text_loading(&mut self) {
        self.full_text = FullText::Loading;
    }

    /// The search thread has the full text of every case.
    pub fn set_full_text_ready(&mut self) {
        self.full_text = FullText::Ready;
        self.requested = None;
    }

    /// The search thread is gone: back to searching the summaries.
    pub fn full_text_stopped(&mut self) {
        self.full_text = FullText::Off;
    }

    pub fn full_text(&self) -> FullText {
        self.full_text
    }

    /// Prepare the rows' labels again if the interface language changed
    /// since they were made (the labels are cached per row).
    pub fn relabel(&mut self) {
        let now = i18n::language();
        if now == self.language {
            return;
        }
        self.language = now;
        let labels = ViolationLabels::now();
        for row in &mut self.rows {
            row.violations = labels.text(&row.summary);
        }
    }

    /// A query for the search thread, when the query changed since the last
    /// one asked. The number identifies the answer.
    pub fn take_search_request(&mut self) -> Option<(u64, String)> {
        if self.full_text != FullText::Ready || self.query.trim().is_empty() {
            return None;
        }
        if self.requested.as_deref() == Some(self.query.as_str()) {
            return None;
        }
        self.search_seq += 1;
        self.requested = Some(self.query.clone());
        Some((self.search_seq, self.query.clone()))
    }

    /// Whether a full-text answer is still awaited.
    pub fn search_pending(&self) -> bool {
        self.full_text == FullText::Ready && !self.query.trim().is_empty() && self.hits_query != self.query
    }

    /// The search thread's answer. Answers to older queries are ignored.
    pub fn apply_hits(&mut self, seq: u64, query: &str, ids: &[Uuid]) {
        if seq != self.search_seq {
            return;
        }
        let mut mask = vec![false; self.rows.len()];
        for id in ids {
            if let Some(&i) = self.by_id.get(id) {
                mask[i] = true;
            }
        }
        self.hits = Some(mask);
        self.hits_query = query.to_string();
        self.hits_generation += 1;
    }

    fn data_changed(&mut self) {
        self.by_id = self.rows.iter().enumerate().map(|(i, r)| (r.summary.id, i)).collect();
        self.sorted_by.clear();
        self.provinces_changed();
        self.sort_all_columns();
    }

    fn provinces_changed(&mut self) {
        // Each distinct name copied once, not every case's; hashed, then
        // the few distinct ones sorted (a tree of 100,000 inserts cost 25 ms).
        let distinct: HashSet<&str> = self.rows.iter().flat_map(|r| r.summary.provinces.iter().map(String::as_str)).collect();
        self.provinces = distinct.into_iter().map(str::to_string).collect();
        self.provinces.sort_unstable();
    }

    fn sort_rows(&mut self) {
        let rows = &self.rows;
        let column = self.sort;
        let ascending = self.sorted_by.entry(column).or_insert_with(|| {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_unstable_by(|&a, &b| compare(rows, column, a, b));
            order
        });
        self.order.clear();
        if self.ascending {
            self.order.extend_from_slice(ascending);
        } else {
            self.order.extend(ascending.iter().rev());
        }
        self.order_valid = true;
        self.order_generation += 1;
    }

    /// Sort by every column once (at unlock), so a header click never
    /// sorts. The code order is sorted first; its rank then breaks ties in
    /// the others, which sort on small keys (no string compared twice) on
    /// their own threads. The orders are those of [`compare`].
    fn sort_all_columns(&mut self) {
        let rows = &self.rows;
        let mut by_code: Vec<usize> = (0..rows.len()).collect();
        by_code.sort_by_cached_key(|&i| (rows[i].summary.code.as_str(), rows[i].summary.id));
        let mut rank = vec![0u32; rows.len()];
        for (r, &i) in by_code.iter().enumerate() {
            rank[i] = r as u32;
        }
        let rank = &rank;
        let orders: Vec<(SortColumn, Vec<usize>)> = std::thread::scope(|s| {
            let handles: Vec<_> = SortColumn::ALL
                .into_iter()
                .filter(|c| *c != SortColumn::Code)
                .map(|column| s.spawn(move || (column, order_by(rows, rank, column))))
                .collect();
            handles.into_iter().map(|h| h.join().expect("sorting does not panic")).collect()
        });
        self.sorted_by.insert(SortColumn::Code, by_code);
        self.sorted_by.extend(orders);
        self.sort_rows();
    }

    /// Move row `i` (changed or new) to its place in every cached order:
    /// a binary search and a shift, not a sort.
    fn reposition(&mut self, i: usize, is_new: bool) {
        let rows = &self.rows;
        for (&column, order) in self.sorted_by.iter_mut() {
            if !is_new && let Some(pos) = order.iter().position(|&r| r == i) {
                order.remove(pos);
            }
            let at = order.partition_point(|&r| compare(rows, column, r, i) == std::cmp::Ordering::Less);
            order.insert(at, i);
        }
        self.order_valid = false;
    }

    /// Bring `visible` up to date; cheap when nothing changed.
    fn refresh(&mut self) {
        if !self.order_valid {
            self.sort_rows();
        }
        let key_matches = self.view_key.as_ref().is_some_and(|k| {
            k.query == self.query
                && k.filters == self.filters
                && k.order_generation == self.order_generation
                && k.hits_generation == self.hits_generation
        });
        if key_matches {
            return;
        }
        let from = parse_bound(&self.filters.date_from, &mut self.date_from_error).map(|d| d.sort_key());
        let to = parse_bound(&self.filters.date_to, &mut self.date_to_error)
            .map(|d| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31)));

        let q = normalise(&self.query);
        let words: Vec<&str> = q.split_whitespace().collect();
        // One prepared searcher per word, not one per row and word.
        let finders: Vec<memchr::memmem::Finder> = words.iter().map(|w| memchr::memmem::Finder::new(w.as_bytes())).collect();
        // Full-text hits apply when they answer this query, or while the
        // answer to a longer query is on its way (the old hits are a
        // superset, filtered further by the summary text below).
        let use_hits = self.full_text == FullText::Ready && !words.is_empty() && self.hits.is_some();
        let hits_exact = use_hits && self.hits_query == self.query;
        let f = &self.filters;
        let rows = &self.rows;
        let hits = self.hits.as_deref();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let r = &rows[i];
                let s = &r.summary;
                if f.status.is_some_and(|st| st != s.status) {
                    return false;
                }
                if f.violation.is_some_and(|v| !s.violations.contains(&v)) {
                    return false;
                }
                if f.province.as_ref().is_some_and(|p| !s.provinces.contains(p)) {
                    return false;
                }
                if from.is_some() || to.is_some() {
                    let Some(d) = &s.interview_date else { return false };
                    let k = d.sort_key();
                    if from.is_some_and(|from| k < from) || to.is_some_and(|to| k > to) {
                        return false;
                    }
                }
                if words.is_empty() {
                    return true;
                }
                if hits_exact {
                    return hits.is_some_and(|h| h.get(i).copied().unwrap_or(false));
                }
                if use_hits && self.query.starts_with(self.hits_query.as_str()) && !self.hits_query.is_empty() {
                    // Narrowing: keep old hits until the new answer comes.
                    return hits.is_some_and(|h| h.get(i).copied().unwrap_or(false));
                }
                finders.iter().all(|f| f.find(r.quick.as_bytes()).is_some())
            })
            .collect();
        self.view_key = Some(ViewKey {
            query: self.query.clone(),
            filters: self.filters.clone(),
            order_generation: self.order_generation,
            hits_generation: self.hits_generation,
        });
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        expire_notice(ui, &mut self.notice, &mut self.notice_seen);
        self.relabel();
        let mut action = self.toolbar(ui);
        self.filters_ui(ui);
        self.refresh();
        action = self.selection_bar(ui).or(action);
        action = self.damaged_ui(ui).or(action);
        ui.separator();
        if self.rows.is_empty() {
            ui.add_space(20.0);
            ui.label(t("list-empty"));
            return action;
        }
        if self.visible.is_empty() {
            // Said, not a blank table.
            ui.add_space(20.0);
            ui.label(t("list-no-match"));
            self.clear_search_ui(ui);
            return action;
        }
        self.table(ui).or(action)
    }

    /// Under "no case matches": how to see the cases again, one click.
    fn clear_search_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new(t("list-no-match-how")).small());
        if ui.button(t("list-clear-search")).clicked() {
            self.query.clear();
            self.filters = Filters::default();
        }
    }

    /// New case, search, import, the conflicts badge, search progress.
    fn toolbar(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(t("list-new-case")).clicked() {
                action = Some(Action::Case(CaseAction::New));
            }
            ui.add_space(12.0);
            let l = ui.label(t("list-search"));
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id(field_id("list.search"))
                    .hint_text(t("list-search-hint"))
                    .desired_width(320.0),
            )
            .labelled_by(l.id);
            ui.add_space(12.0);
            if ui.button(t("list-import")).clicked() {
                action = Some(Action::Bundle(BundleAction::OpenImport));
            }
            if self.conflicts > 0
                && ui
                    .button(RichText::new(t_args("list-conflicts-badge", &[("count", &self.conflicts.to_string())])).color(SENSITIVE_COLOUR).strong())
                    .clicked()
            {
                action = Some(Action::Nav(Nav::Conflicts));
            }
            if self.search_pending() {
                ui.spinner();
            }
            if self.full_text == FullText::Loading {
                ui.spinner();
                ui.label(RichText::new(t("list-loading-text")).small());
            }
        });
        action
    }

    /// How many rows are shown and ticked; selecting; export; the last notice.
    fn selection_bar(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.label(t_args(
                "list-count",
                &[("shown", &self.visible.len().to_string()), ("total", &self.rows.len().to_string())],
            ));
            ui.separator();
            ui.label(t_args("list-selected", &[("count", &self.selected.len().to_string())]));
            if ui.small_button(t("list-select-shown")).clicked() {
                let shown: Vec<Uuid> = self.visible.iter().map(|&i| self.rows[i].summary.id).collect();
                self.selected.extend(shown);
            }
            if !self.selected.is_empty() && ui.small_button(t("list-select-none")).clicked() {
                self.selected.clear();
            }
            if ui.add_enabled(!self.selected.is_empty(), egui::Button::new(t("list-export"))).clicked() {
                action = Some(Action::Bundle(BundleAction::OpenExport));
            }
            if let Some(n) = &self.notice {
                ui.separator();
                ui.label(RichText::new(n).color(crate::ui::widgets::OK_COLOUR));
            }
        });
        action
    }

    /// The cases that could not be read, folded away.
    fn damaged_ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        if !self.damaged.is_empty() {
            ui.collapsing(
                RichText::new(t_args("list-damaged", &[("count", &self.damaged.len().to_string())])).color(SENSITIVE_COLOUR),
                |ui| {
                    for d in &self.damaged {
                        error_text(ui, d);
                    }
                    if self.missing > 0
                        && ui.button(t_args("list-forget-missing", &[("count", &self.missing.to_string())])).clicked()
                    {
                        action = Some(Action::Case(CaseAction::ForgetMissing));
                    }
                },
            );
        }
        action
    }

    fn filters_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t("list-filter-status"));
            let any = t("list-filter-any");
            egui::ComboBox::from_id_salt("filter-status")
                .selected_text(self.filters.status.map_or(any.clone(), status_label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.status, None, any.clone());
                    for s in CaseStatus::ALL {
                        ui.selectable_value(&mut self.filters.status, Some(s), status_label(s));
                    }
                })
                .response
                .labelled_by(l.id);

            let l = ui.label(t("list-filter-violation"));
            egui::ComboBox::from_id_salt("filter-violation")
                .selected_text(self.filters.violation.map_or(any.clone(), violation_label))
                .width(180.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.violation, None, any.clone());
                    for v in ViolationType::ALL {
                        ui.selectable_value(&mut self.filters.violation, Some(v), violation_label(v));
                    }
                })
                .response
                .labelled_by(l.id);

            let l = ui.label(t("list-filter-province"));
            egui::ComboBox::from_id_salt("filter-province")
                .selected_text(self.filters.province.clone().unwrap_or(any.clone()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.province, None, any.clone());
                    for p in &self.provinces {
                        ui.selectable_value(&mut self.filters.province, Some(p.clone()), p);
                    }
                })
                .response
                .labelled_by(l.id);

            let l = ui.label(t("list-filter-from"));
            ui.add(egui::TextEdit::singleline(&mut self.filters.date_from).id(field_id("list.from")).hint_text("2019").desired_width(90.0))
                .labelled_by(l.id);
            let l = ui.label(t("list-filter-to"));
            ui.add(egui::TextEdit::singleline(&mut self.filters.date_to).id(field_id("list.to")).hint_text("2026-06").desired_width(90.0))
                .labelled_by(l.id);
            if self.filters != Filters::default() && ui.button(t("list-filter-clear")).clicked() {
                self.filters = Filters::default();
            }
        });
        for e in [&self.date_from_error, &self.date_to_error].into_iter().flatten() {
            error_text(ui, e);
        }
    }

    fn table(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        let mut clicked_sort = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        // A narrow window scrolls the columns sideways instead of cutting
        // them off.
        egui::ScrollArea::horizontal().id_salt("case-table-across").auto_shrink(false).show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("case-table")
                .sense(egui::Sense::click())
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(28.0))
                .column(Column::initial(120.0).at_least(80.0).clip(true))
                .column(Column::initial(150.0).at_least(80.0).clip(true))
                .column(Column::initial(100.0).at_least(70.0).clip(true))
                .column(Column::initial(110.0).at_least(70.0).clip(true))
                .column(Column::initial(260.0).at_least(80.0).clip(true))
                // Wide enough for the time and Edit: a narrow window scrolls.
                .column(Column::remainder().at_least(190.0).clip(true))
                .min_scrolled_height(0.0)
                .header(row_height + 4.0, |mut header| {
                    header.col(|_| {});
                    for col in SortColumn::ALL {
                        header.col(|ui| {
                            let arrow = if self.sort == col {
                                if self.ascending { " ▲" } else { " ▼" }
                            } else {
                                ""
                            };
                            let text = RichText::new(format!("{}{arrow}", col.label())).strong();
                            if ui.add(egui::Button::new(text).frame(false)).clicked() {
                                clicked_sort = Some(col);
                            }
                        });
                    }
                })
                .body(|body| {
                    let rows = &self.rows;
                    let visible = &self.visible;
                    let selected = &mut self.selected;
                    body.rows(row_height, visible.len(), |mut row| {
                        let r = &rows[visible[row.index()]];
                        if let Some(a) = row_cells(&mut row, r, selected) {
                            action = Some(a);
                        }
                        // A click elsewhere on the row opens the case.
                        if action.is_none() && row.response().clicked() {
                            action = Some(Action::Case(CaseAction::Edit(r.summary.id)));
                        }
                    });
                });
        });
        if let Some(col) = clicked_sort {
            if self.sort == col {
                self.set_sort(col, !self.ascending);
            } else {
                self.set_sort(col, true);
            }
        }
        action
    }
}

/// One table row's cells: tick box, code (review), pseudonym, date,
/// status, incident types, last change (edit).
fn row_cells(row: &mut egui_extras::TableRow<'_, '_>, r: &Row, selected: &mut HashSet<Uuid>) -> Option<Action> {
    let mut action = None;
    row.col(|ui| {
        let id = r.summary.id;
        let mut on = selected.contains(&id);
        let resp = ui.add(egui::Checkbox::without_text(&mut on));
        let name = t_args("list-select-case", &[("code", &r.summary.code)]);
        resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &name));
        if resp.changed() {
            if on {
                selected.insert(id);
            } else {
                selected.remove(&id);
            }
        }
    });
    row.col(|ui| {
        if ui.link(&r.summary.code).clicked() {
            action = Some(Action::Case(CaseAction::Review(r.summary.id)));
        }
    });
    row.col(|ui| {
        cell_text(ui, &r.summary.pseudonym);
    });
    row.col(|ui| {
        cell_text(ui, &r.date);
    });
    row.col(|ui| {
        cell_text(ui, status_label(r.summary.status));
    });
    row.col(|ui| {
        cell_text(ui, &r.violations);
    });
    row.col(|ui| {
        // Formatted for the rows on screen only, not for every case at unlock.
        cell_text(ui, format_time(r.summary.updated));
        if ui.small_button(t("list-edit")).clicked() {
            action = Some(Action::Case(CaseAction::Edit(r.summary.id)));
        }
    });
    action
}

/// A cell's text. Not selectable: a selectable label takes the click, and
/// a click anywhere on the row is to open the case.
fn cell_text(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).selectable(false));
}

/// Rows in the order of `column` (not the code), ties broken by `rank`
/// (each row's place in the code order): the same order as [`compare`].
fn order_by(rows: &[Row], rank: &[u32], column: SortColumn) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let s = |i: usize| &rows[i].summary;
    // Each key taken once and sorted beside its index (std's cached-key
    // sort): a comparison then reads two keys side by side, not two rows
    // scattered over the heap. The unique code rank makes every key unique.
    match column {
        SortColumn::Code => order.sort_by_cached_key(|&i| rank[i]),
        SortColumn::Pseudonym => order.sort_by_cached_key(|&i| (s(i).pseudonym.as_str(), rank[i])),
        SortColumn::InterviewDate => order.sort_by_cached_key(|&i| (s(i).interview_date.as_ref().map(|d| d.sort_key()), rank[i])),
        SortColumn::Status => order.sort_by_cached_key(|&i| (s(i).status, rank[i])),
        SortColumn::Incidents => order.sort_by_cached_key(|&i| (s(i).violations.as_slice(), s(i).incident_count, rank[i])),
        SortColumn::Updated => order.sort_by_cached_key(|&i| (s(i).updated, rank[i])),
    }
    order
}

/// Order of rows `a` and `b` by `column`. Ties fall back to the code, so
/// the order is total and unstable (faster) sorting is deterministic.
fn compare(rows: &[Row], column: SortColumn, a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&rows[a].summary, &rows[b].summary);
    let primary = match column {
        SortColumn::Code => std::cmp::Ordering::Equal,
        SortColumn::Pseudonym => x.pseudonym.cmp(&y.pseudonym),
        SortColumn::InterviewDate => {
            x.interview_date.as_ref().map(|d| d.sort_key()).cmp(&y.interview_date.as_ref().map(|d| d.sort_key()))
        }
        SortColumn::Status => x.status.cmp(&y.status),
        SortColumn::Incidents => x.violations.cmp(&y.violations).then(x.incident_count.cmp(&y.incident_count)),
        SortColumn::Updated => x.updated.cmp(&y.updated),
    };
    primary.then_with(|| x.code.cmp(&y.code)).then_with(|| x.id.cmp(&y.id))
}

/// A date filter bound; an unparsable one is ignored and explained.
fn parse_bound(text: &str, error: &mut Option<String>) -> Option<FuzzyDate> {
    *error = None;
    if text.trim().is_empty() {
        return None;
    }
    match FuzzyDate::parse(text) {
        Ok(d) => Some(d),
        Err(e) => {
            *error = Some(t_args("list-filter-bad-date", &[("input", text.trim()), ("detail", &e.to_string())]));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{compare, CaseList, SortColumn};
    use crate::model::CaseStatus;
    use uuid::Uuid;
    use crate::sample::sample_case;

    fn list(n: u32) -> CaseList {
        CaseList::new((1..=n).map(|i| sample_case(i, 50).summary()))
    }

    /// The orders sorted at unlock (keys and code ranks, on threads) are
    /// exactly those of `compare`, which keeps them in order after a save.
    #[test]
    fn every_order_sorted_at_unlock_is_the_order_of_compare() {
        let mut summaries: Vec<_> = (1..=300).map(|i| sample_case(i, 50).summary()).collect();
        // Ties in every column but the code.
        for (i, s) in summaries.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
            s.pseudonym = "같은 이름".into();
            s.updated = summaries_time();
            s.code = format!("NK-2026-{:04}", 1000 - i);
        }
        let list = CaseList::new(summaries);
        for column in SortColumn::ALL {
            let mut expected: Vec<usize> = (0..list.rows.len()).collect();
            expected.sort_by(|&a, &b| compare(&list.rows, column, a, b));
            assert_eq!(list.sorted_by[&column], expected, "{column:?}");
        }
    }

    fn summaries_time() -> time::OffsetDateTime {
        time::macros::datetime!(2026-01-02 03:04 UTC)
    }

    #[test]
    fn filters_and_sort_combine() {
        let mut l = list(200);
        l.set_sort(SortColumn::Code, true);
        let all = l.visible_ids();
        assert_eq!(all.len(), 200);
        l.filters.status = Some(CaseStatus::Complete);
        let complete = l.visible_ids();
        assert!(!complete.is_empty() && complete.len() < 200);
        for id in &complete {
            assert_eq!(l.rows[l.by_id[id]].summary.status, CaseStatus::Complete);
        }
        // Sorted by code ascending.
        let codes: Vec<String> = complete.iter().map(|id| l.rows[l.by_id[id]].summary.code.clone()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        l.set_sort(SortColumn::Code, false);
        let desc: Vec<String> = l.visible_ids().iter().map(|id| l.rows[l.by_id[id]].summary.code.clone()).collect();
        sorted.reverse();
        assert_eq!(desc, sorted);
    }

    #[test]
    fn saved_cases_take_their_place_in_every_order() {
        let mut l = list(60);
        let mut changed = l.rows[7].summary.clone();
        changed.pseudonym = "Aaa first".into();
        l.upsert(changed.clone());
        assert_eq!(l.len(), 60, "replaced, not added");
        let mut added = sample_case(61, 50);
        added.interviewee.pseudonym = "힣 last".into();
        l.upsert(added.summary());
        assert_eq!(l.len(), 61);
        for column in SortColumn::ALL {
            l.set_sort(column, true);
            let shown = l.visible_ids();
            let mut expected: Vec<usize> = (0..l.rows.len()).collect();
            expected.sort_by(|&a, &b| compare(&l.rows, column, a, b));
            let expected: Vec<Uuid> = expected.iter().map(|&i| l.rows[i].summary.id).collect();
            assert_eq!(shown, expected, "{column:?}");
        }
        l.set_sort(SortColumn::Pseudonym, true);
        assert_eq!(l.visible_ids().first(), Some(&changed.id));
        assert_eq!(l.visible_ids().last(), Some(&added.id));
    }

    #[test]
    fn date_range_includes_partial_end_month() {
        let mut l = list(100);
        l.filters.date_from = "2026-03".into();
        l.filters.date_to = "2026-03".into();
        let ids = l.visible_ids();
        assert!(!ids.is_empty());
        for id in ids {
            let d = l.rows[l.by_id[&id]].summary.interview_date.clone().unwrap();
            assert_eq!((d.year, d.month), (2026, Some(3)));
        }
        l.filters.date_to = "nonsense".into();
        l.visible_ids();
        assert!(l.date_to_error.is_some());
    }

    #[test]
    fn summary_search_before_full_text_and_hits_after() {
        let mut l = list(30);
        l.query = "NK-2026-0007".into();
        assert_eq!(l.visible_ids().len(), 1);
        assert_eq!(l.take_search_request(), None, "no full text yet");
        l.set_full_text_ready();
        l.query = "수용소".into();
        let (seq, q) = l.take_search_request().expect("asks the search thread");
        assert_eq!(l.take_search_request(), None, "asked once per query");
        let target = l.rows[3].summary.id;
        l.apply_hits(seq, &q, &[target]);
        assert_eq!(l.visible_ids(), vec![target]);
        // A stale answer is ignored.
        l.query = "수용소 혜산".into();
        let (seq2, _) = l.take_search_request().unwrap();
        l.apply_hits(seq2 - 1, "수용소", &[]);
        assert_eq!(l.visible_ids(), vec![target], "old hits kept while narrowing");
    }
}
