//! The desktop app as a counselor meets it: a real WebKit window under Xvfb, driven by WebDriver.
//!
//! Modules, one per area of the app:
//! - `shell`: the app starts, the side navigation, coming-soon sections, about, the panic blank.

mod shell;
