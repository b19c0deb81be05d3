fn main() {
    eprintln!("testimony-vault: the interface is not built yet");
    std::process::exit(2);
}
