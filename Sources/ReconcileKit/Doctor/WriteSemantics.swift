import XoperoContract

/// The assumptions that only a write could show, which `doctor` never makes: each `not-checked`,
/// saying why and where the assumption is written down.
public enum WriteSemantics {
    public static let checks: [DoctorCheck] = [
        DoctorCheck(
            .attachDetachIdempotence, .notChecked,
            "attaching what is attached, or detaching what is not, is assumed a no-op 200 (openapi.yaml, x-assumed), "
                + "so that a retried call is safe; only a write can show it, and doctor never writes"),
        DoctorCheck(
            .modifySemantics, .notChecked,
            "a field left out of \(XoperoCall.modifyGitPlan.path) is assumed unchanged, and workerId and settings are "
                + "write-only (no call reads them back); only a write can show it"),
        DoctorCheck(
            .licenceAnswers, .notChecked,
            "activate and deactivate are assumed to answer 200 with the per-id split even when every id fails; "
                + "only a write can show it"),
        DoctorCheck(
            .writePermission, .notChecked,
            "whether this account may write (a 403 for a role that may not) shows only on a write; token-role "
                + "reports the roles the token names"),
        DoctorCheck(
            .errorCodes, .notChecked,
            "the meanings of \(XoperoAssumptions.ErrorCode.allCases.map(\.rawValue).joined(separator: " and ")) and "
                + "the statuses of failures (400, 403, 404, 429) show only on failing calls, which doctor does not "
                + "make on purpose"),
    ]
}
