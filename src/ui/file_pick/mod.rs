//! A chooser for files and folders drawn inside the window.
//!
//! Not the operating system's file dialog: desktop choosers record the
//! files they open or save in a "recently used" list (for example
//! `~/.local/share/recently-used.xbel`), which would leave the names of
//! recordings and bundles on a laptop that is seized. This one only reads
//! folder listings, writes nothing and forgets everything when it closes;
//! each time it opens it starts from the field it fills, not from where it
//! was last.
//!
//! The plain logic (listing a folder, going up, where to start, save-as
//! names) is in free functions with unit tests; [`FilePicker`] keeps the
//! state and draws the window. The app opens it for a [`PickRequest`] and
//! puts the chosen path in the field named by its [`PickTarget`].

use crate::ui::widgets::{error_text, field_id};
use crate::i18n::{t, t_args};
use egui::{Key, Modifiers, RichText};
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;
use zeroize::Zeroize;

mod listing;

use listing::{unreadable, user_name};

pub use listing::{
    check_new_file, format_size, home_folder, is_hidden, list_folder, media_roots, media_under, parent_folder, save_as_path,
    sort_entries, start_point, Entry, NameProblem,
};

/// What is being chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickMode {
    /// An existing file (to attach, to import).
    File,
    /// A folder (the vault's).
    Folder,
    /// A folder and a new file name (a bundle or a copy to write).
    SaveAs,
}

/// The path field a choice fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickTarget {
    /// The vault folder on the start screen.
    VaultFolder,
    /// The file to attach in the form's Attachments section.
    AttachFile,
    /// Where to save the decrypted copy of this attachment.
    AttachmentCopy(Uuid),
    /// The bundle the export dialog writes.
    ExportBundle,
    /// The bundle the import dialog reads.
    ImportBundle,
}

impl PickTarget {
    pub fn mode(self) -> PickMode {
        match self {
            PickTarget::VaultFolder => PickMode::Folder,
            PickTarget::AttachFile | PickTarget::ImportBundle => PickMode::File,
            PickTarget::AttachmentCopy(_) | PickTarget::ExportBundle => PickMode::SaveAs,
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            PickTarget::VaultFolder => "file-pick-title-vault",
            PickTarget::AttachFile => "file-pick-title-attach",
            PickTarget::AttachmentCopy(_) => "file-pick-title-copy",
            PickTarget::ExportBundle => "file-pick-title-export",
            PickTarget::ImportBundle => "file-pick-title-import",
        }
    }

    /// Added to a save-as name typed without it.
    fn extension(self) -> Option<&'static str> {
        match self {
            PickTarget::ExportBundle => Some(crate::bundle::EXTENSION),
            _ => None,
        }
    }
}

/// A Browse button's request: the field, its text now, and for save-as
/// the file name to offer when the field names none.
#[derive(Clone, Debug)]
pub struct PickRequest {
    pub target: PickTarget,
    pub current: String,
    pub suggested_name: Option<String>,
}

impl PickRequest {
    pub fn new(target: PickTarget, current: &str) -> PickRequest {
        PickRequest { target, current: current.to_string(), suggested_name: None }
    }
}

// --- The window ---

/// What the chooser says after a frame.
#[derive(Debug, PartialEq, Eq)]
pub enum Picked {
    Open,
    Cancelled,
    Chosen(PathBuf),
}

/// What a click in the window asks for, applied after drawing.
enum Intent {
    Go(PathBuf),
    Select(Entry),
    /// Double-click: open a folder, choose a file.
    Activate(Entry),
    Choose,
    Cancel,
}

pub struct FilePicker {
    target: PickTarget,
    folder: PathBuf,
    /// The editable path line.
    folder_text: String,
    listing: Result<Vec<Entry>, String>,
    show_hidden: bool,
    selected: Option<PathBuf>,
    /// Save-as: the new file's name.
    name: String,
    problem: Option<String>,
    home: PathBuf,
    media: Vec<Entry>,
}

impl Drop for FilePicker {
    fn drop(&mut self) {
        // File names can say whom a recording is of.
        self.folder_text.zeroize();
        self.name.zeroize();
    }
}

impl FilePicker {
    pub fn new(request: PickRequest) -> FilePicker {
        let home = home_folder();
        let media = media_under(&media_roots(user_name(&home).as_deref()));
        let (folder, name) = start_point(&request.current, &home);
        let mode = request.target.mode();
        let mut picker = FilePicker {
            target: request.target,
            folder: PathBuf::new(),
            folder_text: String::new(),
            listing: Ok(Vec::new()),
            show_hidden: false,
            selected: None,
            name: String::new(),
            problem: None,
            home,
            media,
        };
        match (mode, parent_folder(&folder)) {
            // The field's folder is shown selected among its neighbours,
            // not opened (a vault's own folders mean nothing to the user).
            (PickMode::Folder, Some(up)) if name.is_none() => {
                picker.go(up);
                picker.selected = Some(folder);
            }
            (PickMode::Folder, _) => picker.go(folder),
            (PickMode::SaveAs, _) => {
                picker.go(folder);
                picker.name = name.or(request.suggested_name).unwrap_or_default();
            }
            (PickMode::File, _) => {
                picker.go(folder.clone());
                picker.selected = name.map(|n| folder.join(n)).filter(|p| p.is_file());
            }
        }
        picker
    }

    pub fn target(&self) -> PickTarget {
        self.target
    }

    fn mode(&self) -> PickMode {
        self.target.mode()
    }

    fn go(&mut self, folder: PathBuf) {
        self.listing = list_folder(&folder, self.show_hidden).map_err(|e| unreadable(&folder, &e));
        self.folder_text = folder.display().to_string();
        self.folder = folder;
        self.selected = None;
        self.problem = None;
    }

    /// The path line was edited: open that folder, or the folder of that file.
    fn go_typed(&mut self) {
        let text = self.folder_text.trim().to_string();
        let path = std::path::absolute(&text).unwrap_or_else(|_| PathBuf::from(&text));
        if path.is_dir() {
            self.go(path);
        } else if path.is_file()
            && let Some(dir) = parent_folder(&path)
        {
            self.go(dir);
            self.activate_file(path);
        } else {
            self.problem = Some(t_args("file-pick-not-found", &[("path", &text)]));
        }
    }

    /// A file was picked out: selected, or its name taken for save-as.
    fn activate_file(&mut self, path: PathBuf) {
        if self.mode() == PickMode::SaveAs {
            self.name = path.file_name().map(|n| n.to_string_lossy().nfc().collect()).unwrap_or_default();
        }
        self.selected = Some(path);
    }

    /// The Choose button (or Enter, or a double-click on a file).
    fn choose(&mut self) -> Option<PathBuf> {
        let selected_dir = self.selected.clone().filter(|p| p.is_dir());
        if self.mode() == PickMode::Folder {
            return match self.folder_choice() {
                Ok(path) => Some(path),
                Err(problem) => {
                    self.problem = Some(self.name_problem(problem));
                    None
                }
            };
        }
        // A folder selected: Choose opens it, as in other choosers.
        if let Some(dir) = selected_dir {
            self.go(dir);
            return None;
        }
        let chosen = match self.mode() {
            PickMode::File => self.selected.clone().filter(|p| p.is_file()).ok_or_else(|| t("file-pick-no-file")),
            _ => save_as_path(&self.folder, &self.name, self.target.extension())
                .and_then(|path| check_new_file(&path).map(|()| path))
                .map_err(|p| self.name_problem(p)),
        };
        match chosen {
            Ok(path) => Some(path),
            Err(problem) => {
                self.problem = Some(problem);
                None
            }
        }
    }

    /// Folder mode: the selected folder (else the one shown), or a new
    /// folder of the typed name inside it. A new vault needs an empty folder,
    /// and a USB stick's top folder rarely is; the new folder is made when
    /// the vault is created, not here.
    fn folder_choice(&self) -> Result<PathBuf, NameProblem> {
        let base = self.selected.clone().filter(|p| p.is_dir()).unwrap_or_else(|| self.folder.clone());
        if self.name.trim().is_empty() {
            return Ok(base);
        }
        let path = save_as_path(&base, &self.name, None)?;
        check_new_file(&path).map(|()| path)
    }

    fn name_problem(&self, problem: NameProblem) -> String {
        let name = self.name.trim();
        match problem {
            NameProblem::Missing => t("file-pick-name-missing"),
            NameProblem::Invalid => t_args("file-pick-name-invalid", &[("name", name)]),
            NameProblem::Exists => {
                // Name the file as it would be written (extension added).
                let shown = save_as_path(&self.folder, name, self.target.extension())
                    .ok()
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| name.to_string());
                t_args("file-pick-name-exists", &[("name", &shown)])
            }
        }
    }

    /// Draw the chooser as a modal window over everything else.
    pub fn show(&mut self, ctx: &egui::Context) -> Picked {
        let mut intent = None;
        let modal = egui::Modal::new(egui::Id::unique("file-pick")).show(ctx, |ui| {
            let width = (ctx.content_rect().width() - 80.0).clamp(320.0, 720.0);
            ui.set_width(width);
            ui.heading(t(self.target.title_key()));
            ui.label(RichText::new(t("file-pick-private")).small().weak());
            ui.add_space(4.0);
            self.places(ui, &mut intent);
            self.path_line(ui, &mut intent);
            if ui.checkbox(&mut self.show_hidden, t("file-pick-show-hidden")).changed() {
                let keep = self.selected.take();
                self.go(self.folder.clone());
                self.selected = keep;
            }
            ui.separator();
            self.list(ui, &mut intent);
            ui.separator();
            self.footer(ui, &mut intent);
        });
        if modal.is_top_modal && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            intent = Some(Intent::Cancel);
        }
        match intent {
            None => {}
            Some(Intent::Go(dir)) => self.go(dir),
            Some(Intent::Select(e)) if e.is_dir => {
                self.selected = Some(e.path);
                self.problem = None;
            }
            Some(Intent::Select(e)) => {
                self.activate_file(e.path);
                self.problem = None;
            }
            Some(Intent::Activate(e)) if e.is_dir => self.go(e.path),
            Some(Intent::Activate(e)) => {
                self.activate_file(e.path);
                // Save-as only takes the name: the user may still change it.
                if self.mode() == PickMode::File {
                    return self.choose().map_or(Picked::Open, Picked::Chosen);
                }
            }
            Some(Intent::Choose) => return self.choose().map_or(Picked::Open, Picked::Chosen),
            Some(Intent::Cancel) => return Picked::Cancelled,
        }
        Picked::Open
    }

    fn places(&self, ui: &mut egui::Ui, intent: &mut Option<Intent>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(t("file-pick-places"));
            if ui.button(t("file-pick-home")).on_hover_text(self.home.display().to_string()).clicked() {
                *intent = Some(Intent::Go(self.home.clone()));
            }
            for m in &self.media {
                if ui.button(&m.name).on_hover_text(m.path.display().to_string()).clicked() {
                    *intent = Some(Intent::Go(m.path.clone()));
                }
            }
        });
    }

    fn path_line(&mut self, ui: &mut egui::Ui, intent: &mut Option<Intent>) {
        ui.horizontal(|ui| {
            let up = parent_folder(&self.folder);
            if ui.add_enabled(up.is_some(), egui::Button::new(t("file-pick-up"))).clicked() {
                *intent = up.map(Intent::Go);
            }
            let l = ui.label(t("file-pick-folder"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.folder_text)
                        .id(field_id("file-pick.folder"))
                        .desired_width((ui.available_width() - 60.0).max(120.0)),
                )
                .labelled_by(l.id);
            let entered = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if ui.button(t("file-pick-go")).clicked() || entered {
                self.go_typed();
            }
        });
    }

    fn list(&self, ui: &mut egui::Ui, intent: &mut Option<Intent>) {
        let entries = match &self.listing {
            Ok(entries) => entries,
            Err(e) => {
                error_text(ui, e);
                return;
            }
        };
        if entries.is_empty() {
            ui.label(RichText::new(t("file-pick-empty")).weak());
            return;
        }
        let folders = entries.iter().filter(|e| e.is_dir).count();
        let count = t_args(
            "file-pick-count",
            &[("folders", &folders.to_string()), ("files", &(entries.len() - folders).to_string())],
        );
        ui.label(RichText::new(count).small());
        let row = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("file-pick-list")
            .max_height(320.0)
            .auto_shrink([false, true])
            .show_rows(ui, row, entries.len(), |ui, rows| {
                for e in &entries[rows] {
                    // Folder mode lists files too, so the place is known,
                    // but only folders can be picked.
                    let enabled = e.is_dir || self.mode() != PickMode::Folder;
                    let selected = self.selected.as_ref() == Some(&e.path);
                    ui.horizontal(|ui| {
                        icon(ui, e.is_dir);
                        let r = ui.add_enabled(enabled, egui::Button::selectable(selected, &e.name));
                        if r.double_clicked() {
                            *intent = Some(Intent::Activate(e.clone()));
                        } else if r.clicked() {
                            *intent = Some(Intent::Select(e.clone()));
                        }
                        if let Some(size) = e.size {
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                ui.label(RichText::new(format_size(size)).small().weak());
                            });
                        }
                    });
                }
            });
    }

    fn footer(&mut self, ui: &mut egui::Ui, intent: &mut Option<Intent>) {
        let mut enter = false;
        match self.mode() {
            PickMode::SaveAs => {
                ui.horizontal(|ui| {
                    let l = ui.label(t("file-pick-name"));
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut self.name).id(field_id("file-pick.name")).desired_width(360.0))
                        .labelled_by(l.id);
                    if r.changed() {
                        self.problem = None;
                    }
                    enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                });
            }
            PickMode::Folder => {
                ui.horizontal(|ui| {
                    let l = ui.label(t("file-pick-new-folder"));
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.name)
                                .id(field_id("file-pick.new-folder"))
                                .desired_width(260.0),
                        )
                        .labelled_by(l.id);
                    if r.changed() {
                        self.problem = None;
                    }
                    enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                });
                if let Ok(chosen) = self.folder_choice() {
                    ui.label(t_args("file-pick-will-use", &[("path", &chosen.display().to_string())]));
                }
                ui.label(RichText::new(t("file-pick-folder-hint")).small());
            }
            PickMode::File => {}
        }
        if let Some(p) = &self.problem {
            error_text(ui, p);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let choose = match self.mode() {
                PickMode::Folder => t("file-pick-use-folder"),
                _ => t("file-pick-choose"),
            };
            if ui.button(RichText::new(choose).strong()).clicked() || enter {
                *intent = Some(Intent::Choose);
            }
            if ui.button(t("file-pick-cancel")).clicked() {
                *intent = Some(Intent::Cancel);
            }
        });
    }
}

/// A small folder or page drawn in place of an emoji: the bundled fonts
/// have no emoji, and a missing glyph would show as a box.
fn icon(ui: &mut egui::Ui, folder: bool) {
    let size = ui.spacing().interact_size.y;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let colour = ui.visuals().text_color();
    let stroke = egui::Stroke::new(1.2, colour);
    let painter = ui.painter();
    let r = rect.shrink(size * 0.2);
    if folder {
        let body = egui::Rect::from_min_max(egui::pos2(r.left(), r.top() + r.height() * 0.25), r.max);
        let tab = egui::Rect::from_min_size(r.min, egui::vec2(r.width() * 0.45, r.height() * 0.3));
        painter.rect_filled(tab, 1.0, colour.gamma_multiply(0.6));
        painter.rect_filled(body, 1.5, colour.gamma_multiply(0.6));
    } else {
        let page = egui::Rect::from_center_size(r.center(), egui::vec2(r.width() * 0.75, r.height()));
        painter.rect_stroke(page, 1.0, stroke, egui::StrokeKind::Inside);
        for k in 1..=3 {
            let y = page.top() + page.height() * k as f32 / 4.0;
            painter.line_segment([egui::pos2(page.left() + 3.0, y), egui::pos2(page.right() - 3.0, y)], stroke);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        check_new_file, format_size, list_folder, media_roots, media_under, parent_folder, save_as_path, start_point,
        Entry, FilePicker, NameProblem, PickRequest, PickTarget,
    };
    use unicode_normalization::UnicodeNormalization;
    use std::path::{Path, PathBuf};
    use uuid::Uuid;
    use std::fs;

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    fn sample_folder() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("zeta")).unwrap();
        fs::create_dir(root.join("Alpha")).unwrap();
        fs::create_dir(root.join(".config")).unwrap();
        fs::write(root.join("면담-녹음.m4a"), vec![0u8; 2048]).unwrap();
        fs::write(root.join("b.txt"), b"abc").unwrap();
        fs::write(root.join("A.pdf"), b"").unwrap();
        fs::write(root.join(".secret"), b"x").unwrap();
        tmp
    }

    #[test]
    fn folders_come_first_then_files_by_name_and_dot_files_are_hidden() {
        let tmp = sample_folder();
        let shown = list_folder(tmp.path(), false).unwrap();
        assert_eq!(names(&shown), ["Alpha", "zeta", "A.pdf", "b.txt", "면담-녹음.m4a"]);
        assert!(shown[..2].iter().all(|e| e.is_dir && e.size.is_none()));
        assert_eq!(shown[3].size, Some(3));
        assert_eq!(shown[4].size, Some(2048));
        assert_eq!(shown[4].path, tmp.path().join("면담-녹음.m4a"));
        let all = list_folder(tmp.path(), true).unwrap();
        assert_eq!(names(&all), [".config", "Alpha", "zeta", ".secret", "A.pdf", "b.txt", "면담-녹음.m4a"]);
    }

    #[test]
    fn decomposed_hangul_names_are_shown_composed() {
        let tmp = tempfile::tempdir().unwrap();
        let nfd: String = "면담.m4a".nfd().collect();
        fs::write(tmp.path().join(&nfd), b"").unwrap();
        let listed = list_folder(tmp.path(), false).unwrap();
        assert_eq!(listed[0].name, "면담.m4a");
        assert_eq!(listed[0].path, tmp.path().join(&nfd), "the real name is kept for opening");
    }

    /// Looking at a folder leaves no trace in it: no file, no change.
    #[test]
    fn listing_writes_nothing() {
        let tmp = sample_folder();
        let snapshot = |dir: &Path| {
            let mut all: Vec<_> = fs::read_dir(dir)
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    let m = fs::symlink_metadata(e.path()).unwrap();
                    (e.file_name(), m.len(), m.modified().unwrap())
                })
                .collect();
            all.sort();
            (all, fs::metadata(dir).unwrap().modified().unwrap())
        };
        let before = snapshot(tmp.path());
        let sub_before = snapshot(&tmp.path().join("Alpha"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        for hidden in [false, true] {
            list_folder(tmp.path(), hidden).unwrap();
            list_folder(&tmp.path().join("Alpha"), hidden).unwrap();
        }
        let _ = start_point(&tmp.path().join("b.txt").display().to_string(), tmp.path());
        let _ = save_as_path(tmp.path(), "new", Some("tvb")).and_then(|p| check_new_file(&p));
        // The whole chooser, opened on the folder for each kind of field.
        for target in [PickTarget::AttachFile, PickTarget::VaultFolder, PickTarget::ExportBundle] {
            let mut p = FilePicker::new(PickRequest::new(target, &tmp.path().display().to_string()));
            p.go(tmp.path().join("Alpha"));
            p.show_hidden = true;
            p.go(tmp.path().to_path_buf());
            p.name = "new".into();
            let _ = p.choose();
        }
        assert_eq!(snapshot(tmp.path()), before, "the folder and its files are unchanged");
        assert_eq!(snapshot(&tmp.path().join("Alpha")), sub_before);
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_an_error_not_a_panic() {
        let tmp = sample_folder();
        assert!(list_folder(&tmp.path().join("b.txt"), false).is_err(), "a file is not a folder");
        assert!(list_folder(&tmp.path().join("gone"), false).is_err());
        let mut p = FilePicker::new(PickRequest::new(PickTarget::AttachFile, ""));
        p.go(tmp.path().join("gone"));
        let e = p.listing.as_ref().expect_err("said, not listed");
        assert!(e.contains("gone"), "{e}");
    }

    #[test]
    fn up_stops_at_the_top() {
        assert_eq!(parent_folder(Path::new("/home/me/Recordings")), Some(PathBuf::from("/home/me")));
        assert_eq!(parent_folder(Path::new("/home")), Some(PathBuf::from("/")));
        assert_eq!(parent_folder(Path::new("/")), None);
    }

    #[test]
    fn the_chooser_starts_from_the_field() {
        let tmp = sample_folder();
        let root = tmp.path();
        let home = Path::new("/nonexistent-home");
        assert_eq!(start_point("", home), (home.to_path_buf(), None));
        assert_eq!(start_point("  ", home), (home.to_path_buf(), None));
        let s = |p: PathBuf| p.display().to_string();
        assert_eq!(start_point(&s(root.join("Alpha")), home), (root.join("Alpha"), None));
        assert_eq!(start_point(&s(root.join("b.txt")), home), (root.to_path_buf(), Some("b.txt".into())));
        // A file to be written, in a folder that exists.
        assert_eq!(start_point(&s(root.join("new.tvb")), home), (root.to_path_buf(), Some("new.tvb".into())));
        // Folders that do not exist yet: the nearest one above that does.
        assert_eq!(start_point(&s(root.join("x/y/vault")), home), (root.to_path_buf(), Some("vault".into())));
    }

    #[test]
    fn save_as_names_are_joined_checked_and_given_the_extension() {
        let tmp = sample_folder();
        let dir = tmp.path();
        assert_eq!(save_as_path(dir, "export", Some("tvb")), Ok(dir.join("export.tvb")));
        assert_eq!(save_as_path(dir, " export.TVB ", Some("tvb")), Ok(dir.join("export.TVB")));
        assert_eq!(save_as_path(dir, "사본.png", None), Ok(dir.join("사본.png")));
        assert_eq!(save_as_path(dir, "", None), Err(NameProblem::Missing));
        assert_eq!(save_as_path(dir, "   ", None), Err(NameProblem::Missing));
        for bad in [".", "..", "a/b", "..\\x", "/etc/passwd"] {
            assert_eq!(save_as_path(dir, bad, None), Err(NameProblem::Invalid), "{bad}");
        }
        assert_eq!(check_new_file(&dir.join("b.txt")), Err(NameProblem::Exists));
        assert_eq!(check_new_file(&dir.join("Alpha")), Err(NameProblem::Exists));
        assert_eq!(check_new_file(&dir.join("new.txt")), Ok(()));
    }

    #[test]
    fn the_save_as_chooser_refuses_an_existing_name() {
        crate::i18n::set_language(crate::i18n::Lang::En);
        let tmp = sample_folder();
        let mut p = FilePicker::new(PickRequest::new(PickTarget::ExportBundle, &tmp.path().display().to_string()));
        fs::write(tmp.path().join("old.tvb"), b"bundle").unwrap();
        p.name = "old".into();
        assert_eq!(p.choose(), None);
        assert!(p.problem.as_deref().is_some_and(|m| m.contains("old.tvb")), "{:?}", p.problem);
        p.name = "new".into();
        assert_eq!(p.choose(), Some(tmp.path().join("new.tvb")));
        assert_eq!(fs::read(tmp.path().join("old.tvb")).unwrap(), b"bundle");
    }

    #[test]
    fn choose_in_each_mode() {
        let tmp = sample_folder();
        let root = tmp.path().to_path_buf();
        // A folder: the field's is shown selected in the folder above it.
        let mut p = FilePicker::new(PickRequest::new(PickTarget::VaultFolder, &root.join("zeta").display().to_string()));
        assert_eq!(p.folder, root);
        assert_eq!(p.choose(), Some(root.join("zeta")));
        // The selected one, else the one shown.
        p.selected = None;
        assert_eq!(p.choose(), Some(root.clone()));
        p.selected = Some(root.join("Alpha"));
        assert_eq!(p.choose(), Some(root.join("Alpha")));
        // A file: the one in the field is selected at the start.
        let mut p = FilePicker::new(PickRequest::new(PickTarget::AttachFile, &root.join("b.txt").display().to_string()));
        assert_eq!(p.folder, root);
        assert_eq!(p.choose(), Some(root.join("b.txt")));
        // A folder selected: Choose opens it, and there is nothing to choose yet.
        p.selected = Some(root.join("Alpha"));
        assert_eq!(p.choose(), None);
        assert_eq!(p.folder, root.join("Alpha"));
        assert!(p.problem.is_none());
        assert_eq!(p.choose(), None);
        assert!(p.problem.is_some(), "no file selected is said");
        // A new folder inside the one chosen; an existing name is refused.
        let mut p = FilePicker::new(PickRequest::new(PickTarget::VaultFolder, &root.display().to_string()));
        p.go(root.clone());
        p.name = "새 보관함".into();
        assert_eq!(p.choose(), Some(root.join("새 보관함")));
        assert!(!root.join("새 보관함").exists(), "the chooser makes nothing");
        p.name = "Alpha".into();
        assert_eq!(p.choose(), None);
        assert!(p.problem.is_some(), "an existing name is refused");
        p.name = "a/b".into();
        assert_eq!(p.choose(), None);
        // Save-as offers the suggested name when the field names none.
        let request = PickRequest {
            target: PickTarget::AttachmentCopy(Uuid::nil()),
            current: String::new(),
            suggested_name: Some("photo.png".into()),
        };
        assert_eq!(FilePicker::new(request).name, "photo.png");
    }

    #[test]
    fn removable_media_are_the_folders_under_the_mount_roots() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("media-me");
        fs::create_dir_all(root.join("USB 스틱")).unwrap();
        fs::write(root.join("stray-file"), b"").unwrap();
        let found = media_under(&[root.clone(), tmp.path().join("missing")]);
        assert_eq!(names(&found), ["USB 스틱"]);
        assert!(media_roots(Some("me")).contains(&PathBuf::from("/media/me")));
        assert!(media_roots(Some("me")).contains(&PathBuf::from("/run/media/me")));
        assert!(!media_roots(None).iter().any(|r| r.starts_with("/media")));
    }

    #[test]
    fn sizes_are_short() {
        crate::i18n::set_language(crate::i18n::Lang::En);
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(999), "999 bytes");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(532 * 1024), "532 KB");
        assert_eq!(format_size(15 * 1024 * 1024), "15 MB");
        assert_eq!(format_size(3 * 1024 * 1024 * 1024), "3.0 GB");
        assert_eq!(format_size(5000 * 1024 * 1024 * 1024), "5000 GB");
    }
}
