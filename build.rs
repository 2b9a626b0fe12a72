//! Rebuilds when a catalogue or template is added, not only edited: the
//! catalogues are compiled in by fluent-templates' `static_loader!`, which
//! reads the directory at build time but does not tell cargo about files
//! that appear later. cargo scans a directory given here recursively.
fn main() {
    println!("cargo:rerun-if-changed=landing-pages/locales");
    println!("cargo:rerun-if-changed=landing-pages/templates");
}
