//! The 心语 desktop app. Everything lives in the library so tests can build the same app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    xinyu_desktop::run()
}
