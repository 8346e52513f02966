// mimalloc: analysis makes millions of small allocations (annotations, keys).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(seedls::cli::main());
}
