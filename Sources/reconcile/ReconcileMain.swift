import ReconcileCLI

/// The executable is only this: everything `reconcile` does lives in ReconcileCLI, which tests run in process.
@main
enum ReconcileMain {
    static func main() async {
        await ReconcileCLI.main()
    }
}
