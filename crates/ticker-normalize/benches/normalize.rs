//! Normalization throughput on the `aeb` pages (181 news pages, 31 MB of
//! HTML), one core, with the allocator the `ticker` binary uses.

use std::io::Read as _;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ticker_model::{SourceKind, SourceRef};
use ticker_normalize::InputMeta;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn pages() -> Vec<Vec<u8>> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction/aeb/pages"
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the shared aeb pages")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(path).expect("a page"))
                .read_to_end(&mut bytes)
                .expect("gzip");
            bytes
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let meta = InputMeta {
        url: None,
        source: SourceRef {
            id: "bench".into(),
            kind: SourceKind::File,
            url: String::new(),
        },
        content_type: None,
        fetched_at: chrono::Utc::now(),
        feed_title: None,
        feed_published: None,
    };
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    group.bench_function("aeb_181_pages", |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(ticker_normalize::normalize_html(page, &meta).ok());
            }
        })
    });
    let bytes: usize = pages.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("aeb_181_pages_bytes", |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(ticker_normalize::normalize_html(page, &meta).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
