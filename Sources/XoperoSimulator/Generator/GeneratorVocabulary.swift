/// Words the generator builds realistic names from (`payments-service`, `web-frontend-legacy`,
/// `infra-terraform-modules`).
enum GeneratorVocabulary {
    static let organizations = [
        "acme", "globex", "initech", "umbrella-labs", "stark-industries", "wayne-enterprises", "hooli",
        "pied-piper", "vandelay", "soylent", "cyberdyne", "tyrell", "wonka", "oscorp", "aperture",
        "black-mesa", "massive-dynamic", "dunder-mifflin", "prestige-worldwide", "monsters-inc",
        "gringotts", "nakatomi", "weyland", "blue-sun", "buy-n-large",
    ]

    static let domains = [
        "payments", "billing", "invoice", "auth", "identity", "user-profile", "search", "web", "mobile",
        "infra", "data", "ml", "analytics", "notification", "order", "inventory", "shipping", "catalog",
        "checkout", "pricing", "fraud", "ledger", "reporting", "gateway", "email", "sms", "chat", "media",
        "video", "image", "docs", "design", "ci", "build", "deploy", "monitoring", "logging", "metrics",
        "tracing", "alerting", "k8s", "terraform", "ansible", "customer", "partner", "admin", "support",
        "onboarding", "recommendation", "feature-flags", "config", "scheduler", "warehouse", "crm", "erp",
    ]

    static let middles = [
        "", "", "", "", "core", "internal", "public", "shared", "edge", "batch", "realtime", "legacy",
        "platform", "team", "ios", "android", "go", "java", "node", "python", "rust",
    ]

    static let kinds = [
        "service", "api", "worker", "frontend", "backend", "sdk", "cli", "lib", "operator", "proxy",
        "indexer", "pipeline", "dashboard", "app", "adapter", "client", "mocks", "e2e-tests", "charts",
        "modules", "playbooks", "manifests", "docs", "migrations", "schemas", "benchmarks",
    ]

    static let suffixes = [
        "", "", "", "", "", "", "", "", "-legacy", "-v2", "-next", "-experimental", "-old", "-poc", "-archive",
    ]

    static let planNames = [
        "nightly", "hourly-critical", "weekly-full", "daily", "compliance", "infrastructure", "frontend",
        "mobile", "data-platform", "long-retention", "quick-restore", "offsite", "archive", "dev-teams",
        "security", "core-services",
    ]
}
