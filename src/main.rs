fn main() {
    std::process::exit(seedls::cli::main());
}
