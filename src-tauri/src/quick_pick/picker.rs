//! The quick pick's window, drawn by GTK itself rather than as a web page: it
//! opens in milliseconds and loads no WebKit, so it also serves an app that
//! is light in the tray (light.rs). Every GTK call runs on the main thread;
//! keyring reads and copies run on threads of their own.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use gtk::prelude::*;
use gtk::{gdk, glib};
use tauri::{AppHandle, Manager};
use twofold_core::otp::unix_now;
use twofold_core::settings::Theme;
use twofold_core::vault::Account;

use crate::error::IpcError;
use crate::state::{AppState, lock};

pub const TITLE: &str = "Twofold — quick pick";

/// The picker's widgets (GTK objects: clones are the same widget).
#[derive(Clone)]
struct Picker {
    window: gtk::Window,
    search: gtk::SearchEntry,
    list: gtk::ListBox,
    message: gtk::Label,
    /// How many more accounts match than are shown.
    more: gtk::Label,
}

/// One account as read: what a search matches, what its row shows, and when
/// its code expires (`None`: HOTP, or no code).
struct Row {
    account: Account,
    code: Result<Option<String>, String>,
    valid_until: Option<u64>,
}

thread_local! {
    /// Made on first use, hidden after (main thread only).
    static PICKER: RefCell<Option<Picker>> = const { RefCell::new(None) };
    /// Every account read, in display order.
    static ROWS: RefCell<Vec<Row>> = const { RefCell::new(Vec::new()) };
    /// The accounts the list shows, as indexes into `ROWS`.
    static SHOWN_ROWS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// Counts the openings (see the focus-out handler).
    static OPENINGS: Cell<u64> = const { Cell::new(0) };
}

/// Whether the picker is on screen, for any thread.
static SHOWN: AtomicBool = AtomicBool::new(false);
/// The most rows shown: a picker is for typing a few letters, and GTK lays
/// out every row it holds (a thousand would take a while at each key).
const MOST_ROWS: usize = 40;

fn picker() -> Option<Picker> {
    PICKER.with_borrow(Clone::clone)
}

/// Shows the picker (made on first use), or hides it when it is shown and
/// `hide` allows. Any thread.
pub fn toggle(app: &AppHandle, hide: bool) {
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || match (is_shown(), hide) {
        (true, true) => hide_now(),
        (true, false) => present(),
        (false, _) => open(&handle),
    });
}

/// Hides the picker, if shown. Any thread.
pub fn hide(app: &AppHandle) {
    let _ = app.run_on_main_thread(hide_now);
}

pub fn is_shown() -> bool {
    SHOWN.load(Ordering::SeqCst)
}

fn hide_now() {
    if let Some(picker) = picker() {
        picker.window.hide();
    }
}

/// Fresh each time: the search emptied, the list read again.
fn open(app: &AppHandle) {
    let picker = picker().unwrap_or_else(|| {
        let made = make(app);
        PICKER.set(Some(made.clone()));
        made
    });
    let (theme, other) = if dark_theme(&lock(&app.state::<AppState>().settings).theme) {
        (DARK, LIGHT)
    } else {
        (LIGHT, DARK)
    };
    let style = picker.window.style_context();
    style.remove_class(other.class);
    style.add_class(theme.class);
    OPENINGS.set(OPENINGS.get() + 1);
    picker.search.set_text("");
    picker.window.set_position(gtk::WindowPosition::Center);
    picker.window.show_all();
    picker.message.set_visible(false);
    // What was read last time, at once (codes that expired meanwhile left
    // out), until the fresh read comes.
    show_matches();
    present();
    reload(app);
}

fn dark_theme(theme: &Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        // As WebKit decides the window's `prefers-color-scheme`.
        Theme::System => gtk::Settings::default().is_some_and(|settings| {
            settings.is_gtk_application_prefer_dark_theme()
                || settings
                    .gtk_theme_name()
                    .is_some_and(|name| name.to_lowercase().ends_with("-dark"))
        }),
    }
}

/// Brings the window forward with the keyboard, asking again for a while:
/// window managers may refuse a first request from a window that was not
/// clicked (focus-stealing prevention), and the picker is useless without it.
fn present() {
    if let Some(picker) = picker() {
        picker.window.present();
    }
    let mut tries = 0;
    glib::timeout_add_local(Duration::from_millis(50), move || {
        tries += 1;
        // Hidden meanwhile (Esc, a pick): presenting it would show it again.
        let done = picker().is_none_or(|picker| {
            if !picker.window.is_visible() {
                return true;
            }
            if !picker.window.is_active() {
                picker.window.present();
            }
            picker.search.grab_focus_without_selecting();
            picker.window.is_active()
        });
        if done || tries >= 10 {
            glib::ControlFlow::Break
        } else {
            glib::ControlFlow::Continue
        }
    });
}

fn make(app: &AppHandle) -> Picker {
    let window = gtk::Window::new(gtk::WindowType::Toplevel);
    window.set_title(TITLE);
    window.set_default_size(380, 340);
    window.set_resizable(false);
    window.set_decorated(false);
    window.set_keep_above(true);
    window.set_skip_taskbar_hint(true);
    window.set_skip_pager_hint(true);
    window.set_type_hint(gdk::WindowTypeHint::Dialog);
    window.style_context().add_class("twofold-quick-pick");
    add_style();

    let search = gtk::SearchEntry::new();
    search.set_placeholder_text(Some("Type to find an account"));
    let message = gtk::Label::new(None);
    message.set_line_wrap(true);
    message.style_context().add_class("message");
    let list = gtk::ListBox::new();
    list.set_selection_mode(gtk::SelectionMode::Browse);
    let scrolled = gtk::ScrolledWindow::new(None::<&gtk::Adjustment>, None::<&gtk::Adjustment>);
    scrolled.set_policy(gtk::PolicyType::Never, gtk::PolicyType::Automatic);
    scrolled.add(&list);
    // A row given the focus (see `select`) is scrolled into view.
    list.set_focus_vadjustment(&scrolled.vadjustment());
    let more = gtk::Label::new(None);
    more.style_context().add_class("dim-label");
    let hint = gtk::Label::new(Some("Enter copies · Esc closes"));
    hint.style_context().add_class("dim-label");

    let column = gtk::Box::new(gtk::Orientation::Vertical, 6);
    column.set_border_width(10);
    column.pack_start(&search, false, false, 0);
    column.pack_start(&message, false, false, 0);
    column.pack_start(&scrolled, true, true, 0);
    column.pack_start(&more, false, false, 0);
    column.pack_start(&hint, false, false, 0);
    window.add(&column);

    // At each key, not after search-changed's pause: a quick Enter picks
    // what was typed.
    search.connect_changed(|_| show_matches());
    let on_activate = app.clone();
    list.connect_row_activated(move |_, row| copy(&on_activate, row.index()));
    let on_key = app.clone();
    window.connect_key_press_event(move |_, event| on_key_press(&on_key, event));
    window.connect_show(|_| SHOWN.store(true, Ordering::SeqCst));
    window.connect_hide(|_| SHOWN.store(false, Ordering::SeqCst));
    // A picker that lost the focus is done with, as a menu is. Only a loss
    // that lasts counts: showing a window can move the focus away and back.
    // A loss from before the window was hidden and opened again is not
    // this opening's.
    window.connect_focus_out_event(|_, _| {
        let opening = OPENINGS.get();
        glib::timeout_add_local_once(Duration::from_millis(250), move || {
            if let Some(picker) = picker()
                && OPENINGS.get() == opening
                && !picker.window.is_active()
            {
                picker.window.hide();
            }
        });
        glib::Propagation::Proceed
    });
    // Closed by the window manager: hidden, kept for next time.
    window.connect_delete_event(|window, _| {
        window.hide();
        glib::Propagation::Stop
    });
    let on_tick = app.clone();
    glib::timeout_add_seconds_local(1, move || {
        reload_expired(&on_tick);
        glib::ControlFlow::Continue
    });

    Picker {
        window,
        search,
        list,
        message,
        more,
    }
}

/// The window's colours (`ui/src/app.css`), so that the picker looks like
/// the app in its Light and Dark themes whatever the desktop's GTK theme.
struct Palette {
    class: &'static str,
    surface: &'static str,
    field: &'static str,
    border: &'static str,
    text: &'static str,
    muted: &'static str,
    accent: &'static str,
    on_accent: &'static str,
    danger: &'static str,
}

const LIGHT: Palette = Palette {
    class: "light",
    surface: "#ffffff",
    field: "#f0f2f5",
    border: "#dfe3e8",
    text: "#17191c",
    muted: "#5f6670",
    accent: "#4338ca",
    on_accent: "#ffffff",
    danger: "#b42318",
};

const DARK: Palette = Palette {
    class: "dark",
    surface: "#1a1d22",
    field: "#23272e",
    border: "#30353d",
    text: "#eceef1",
    muted: "#a0a7b1",
    accent: "#818cf8",
    on_accent: "#0b0d12",
    danger: "#f97066",
};

impl Palette {
    fn css(&self) -> String {
        let Palette {
            class,
            surface,
            field,
            border,
            text,
            muted,
            accent,
            on_accent,
            danger,
        } = self;
        let root = format!(".twofold-quick-pick.{class}");
        format!(
            "{root}, {root} list, {root} row {{ background-color: {surface}; color: {text}; }}
             {root} {{ border: 1px solid {border}; }}
             {root} entry {{ background-color: {field}; background-image: none; color: {text}; border-color: {border}; box-shadow: none; }}
             {root} .dim-label {{ color: {muted}; opacity: 1; }}
             {root} .code {{ color: {accent}; }}
             {root} row:selected {{ background-color: {accent}; color: {on_accent}; }}
             {root} .message {{ color: {danger}; }}\n"
        )
    }
}

/// Room in rows, codes in a monospace font, the palettes.
fn add_style() {
    let css = gtk::CssProvider::new();
    let rules = format!(
        ".twofold-quick-pick row {{ padding: 6px 8px; }}
         .twofold-quick-pick .code {{ font-family: monospace; font-size: 110%; }}
         .twofold-quick-pick row:selected .code {{ color: inherit; }}
         {}{}",
        LIGHT.css(),
        DARK.css()
    );
    let loaded = css.load_from_data(rules.as_bytes());
    if let (Ok(()), Some(screen)) = (loaded, gdk::Screen::default()) {
        gtk::StyleContext::add_provider_for_screen(
            &screen,
            &css,
            gtk::STYLE_PROVIDER_PRIORITY_APPLICATION,
        );
    }
}

enum Step {
    First,
    Down,
    Up,
}

/// Moves the selection among the rows, keeping the keyboard in the search.
fn select(list: &gtk::ListBox, step: Step) {
    let rows: Vec<gtk::ListBoxRow> = list
        .children()
        .into_iter()
        .filter_map(|child| child.downcast::<gtk::ListBoxRow>().ok())
        .collect();
    let at = list
        .selected_row()
        .and_then(|selected| rows.iter().position(|row| *row == selected));
    let next = match (step, at) {
        (Step::First, _) | (_, None) => 0,
        (Step::Down, Some(at)) => (at + 1).min(rows.len().saturating_sub(1)),
        (Step::Up, Some(at)) => at.saturating_sub(1),
    };
    match rows.get(next) {
        Some(row) => {
            list.select_row(Some(row));
            row.grab_focus();
            if let Some(picker) = picker() {
                picker.search.grab_focus_without_selecting();
            }
        }
        None => list.select_row(None::<&gtk::ListBoxRow>),
    }
}

fn on_key_press(app: &AppHandle, event: &gdk::EventKey) -> glib::Propagation {
    let Some(picker) = picker() else {
        return glib::Propagation::Proceed;
    };
    match event.keyval() {
        gdk::keys::constants::Escape => hide_now(),
        gdk::keys::constants::Down => select(&picker.list, Step::Down),
        gdk::keys::constants::Up => select(&picker.list, Step::Up),
        gdk::keys::constants::Return | gdk::keys::constants::KP_Enter => {
            if let Some(row) = picker.list.selected_row() {
                copy(app, row.index());
            }
        }
        _ => return glib::Propagation::Proceed,
    }
    glib::Propagation::Stop
}

/// Reads the accounts and their codes on a thread, then lists them.
fn reload(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        let read = read(&app);
        let _ = app.run_on_main_thread(move || fill(read));
    });
}

/// Every account with its current code, in display order; or why there
/// is no list.
fn read(app: &AppHandle) -> Result<Vec<Row>, String> {
    let state = app.state::<AppState>();
    let failed = |error: IpcError| error.message;
    let vault = state.vault().map_err(failed)?;
    let codes = vault
        .codes_cached(&mut lock(&state.secrets), unix_now())
        .map_err(|error| failed(error.into()))?;
    Ok(codes
        .into_iter()
        .map(|listed| {
            let (code, valid_until) = match listed.code {
                Ok(Some(pair)) => (Ok(Some(pair.current.value)), pair.current.valid_until),
                Ok(None) => (Ok(None), None),
                Err(error) => (Err(failed(error.into())), None),
            };
            Row {
                account: listed.account,
                code,
                valid_until,
            }
        })
        .collect())
}

fn fill(read: Result<Vec<Row>, String>) {
    let Some(picker) = picker() else { return };
    let rows = read.unwrap_or_else(|why| {
        say(&picker, &why);
        Vec::new()
    });
    let empty = rows.is_empty();
    ROWS.set(rows);
    if empty && !picker.message.is_visible() {
        say(&picker, "No accounts yet: add them in Twofold's window.");
    }
    show_matches();
}

/// Lists the first accounts the search matches (all of them up to
/// [`MOST_ROWS`]) and selects the first.
fn show_matches() {
    let Some(picker) = picker() else { return };
    for child in picker.list.children() {
        picker.list.remove(&child);
    }
    let query = picker.search.text();
    let (shown, matching) = ROWS.with_borrow(|rows| {
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&index| rows[index].account.matches(&query))
            .collect();
        let matching = shown.len();
        shown.truncate(MOST_ROWS);
        for &index in &shown {
            picker.list.add(&line(&rows[index]));
        }
        (shown, matching)
    });
    let hidden = matching - shown.len();
    picker
        .more
        .set_text(&format!("{hidden} more: type to narrow"));
    picker.more.set_visible(hidden > 0);
    SHOWN_ROWS.set(shown);
    picker.list.show_all();
    select(&picker.list, Step::First);
}

/// A row's content: the account's label, and its code (in the accent) or a
/// dimmed note.
fn line(row: &Row) -> gtk::Box {
    let line = gtk::Box::new(gtk::Orientation::Horizontal, 8);
    let label = gtk::Label::new(Some(&row.account.label()));
    label.set_xalign(0.0);
    label.set_ellipsize(gtk::pango::EllipsizeMode::End);
    let expired = row.valid_until.is_some_and(|until| until <= unix_now());
    let (text, class) = match &row.code {
        Ok(Some(_)) if expired => ("…", "dim-label"),
        Ok(Some(code)) => (code.as_str(), "code"),
        Ok(None) => ("Enter for a new code", "dim-label"),
        Err(why) => (why.as_str(), "dim-label"),
    };
    let code = gtk::Label::new(Some(text));
    code.style_context().add_class(class);
    line.pack_start(&label, true, true, 0);
    line.pack_end(&code, false, false, 0);
    line
}

fn say(picker: &Picker, text: &str) {
    picker.message.set_text(text);
    picker.message.set_visible(true);
}

/// Codes change while the picker is open: once one shown expires, the list
/// is read again (from the cache: no keyring call).
fn reload_expired(app: &AppHandle) {
    let now = unix_now();
    let expired = ROWS.with_borrow(|rows| {
        rows.iter()
            .any(|row| row.valid_until.is_some_and(|until| until <= now))
    });
    if is_shown() && expired {
        reload(app);
    }
}

/// Copies the code of the row at `index` (as the window's copy does), then
/// hides the picker; a failure is shown in it instead.
fn copy(app: &AppHandle, index: i32) {
    let shown = SHOWN_ROWS.with_borrow(|shown| {
        usize::try_from(index)
            .ok()
            .and_then(|at| shown.get(at).copied())
    });
    let Some(id) =
        shown.and_then(|at| ROWS.with_borrow(|rows| Some(rows.get(at)?.account.id.clone())))
    else {
        return;
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let copied = crate::commands::accounts::copy(&app, &app.state::<AppState>(), &id);
        let _ = app.run_on_main_thread(move || match (copied, picker()) {
            (Ok(_), _) => hide_now(),
            (Err(error), Some(picker)) => say(&picker, &error.message),
            (Err(_), None) => {}
        });
    });
}
