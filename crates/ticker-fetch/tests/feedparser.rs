//! The feedparser suite from the shared data as a regression floor: no
//! document may panic the parser, and the pass rate of the mappable
//! assertions may not fall below what `docs/benchmarks.md` reports.

use std::path::Path;

#[test]
fn feedparser_suite_never_panics_and_keeps_its_pass_rate() {
    let dataset =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/feeds/feedparser");
    let results = ticker_fetch::conformance::run(&dataset, false).expect("the suite is readable");
    let panics: usize = results.values().map(|r| r.panics).sum();
    let mappable: usize = results.values().map(|r| r.mappable).sum();
    let passed: usize = results.values().map(|r| r.passed).sum();
    assert_eq!(panics, 0);
    assert!(mappable > 2000, "{mappable} mappable assertions");
    let rate = passed as f64 / mappable as f64;
    assert!(rate >= 0.91, "pass rate fell to {rate:.3}");
    let wellformed_failures: usize = results.values().map(|r| r.wellformed_failures).sum();
    assert_eq!(
        wellformed_failures, 0,
        "well-formed documents must all parse"
    );
    assert!(results["entities"].passed as f64 / results["entities"].mappable as f64 >= 0.99);
}
