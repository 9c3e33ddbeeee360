//! The `plead` binary: everything lives in the library; this prints the error chain and
//! exits with the documented code.

fn main() {
    std::process::exit(plead::main_exit_code());
}
