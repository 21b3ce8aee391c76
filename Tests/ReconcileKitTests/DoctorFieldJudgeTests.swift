import Foundation
import ReconcileKit
import Testing
import XoperoContract

/// The field check against the contract's table, without a network.
@Suite struct DoctorFieldJudgeTests {
    static func json(_ text: String) throws -> JSONValue {
        try #require(JSONValue.parse(Data(text.utf8)))
    }

    static let repository = #"{"id": "r1", "name": "api", "isActive": true, "isRemoved": false}"#

    @Test("JSON keeps its types: an integer is not a number, a boolean not an integer")
    func rawTypes() throws {
        let value = try Self.json(#"{"a": 1, "b": 1.5, "c": true, "d": null, "e": "x", "f": [1], "g": {}}"#)
        #expect(value["a"] == .integer(1))
        #expect(value["b"] == .number(1.5))
        #expect(value["c"] == .bool(true))
        #expect(value["d"] == .null)
        #expect(value["e"] == .string("x"))
        #expect(value["f"] == .array([.integer(1)]))
        #expect(value["g"] == .object([:]))
        #expect(JSONValue.parse(Data("not json".utf8)) == nil)
    }

    @Test("an answer as the contract describes it is confirmed, with no extra field")
    func matchingRepository() throws {
        let findings = FieldJudge.inspect(items: [try Self.json(Self.repository)], as: .repository, listing: "repos")
        let check = FieldJudge.check(.fieldsRepository, findings[.repository] ?? FieldFindings(), what: "repositories")
        #expect(check.verdict == .confirmed)
        #expect(check.detail.contains("1 repositories have every field"))
        #expect(check.detail.contains("no field beyond the contract's"))
    }

    @Test(
        "a missing field or another JSON type is contradicted, naming the place; extra fields are reported",
        arguments: [
            (
                #"{"id": "r1", "name": "api", "isActive": "yes", "isRemoved": false}"#,
                #"repos result[0] "api".isActive: a string, the contract says a boolean"#
            ),
            (#"{"id": "r1", "name": "api", "isActive": true}"#, #"repos result[0] "api".isRemoved: missing"#),
            (
                #"{"id": 7, "name": "api", "isActive": true, "isRemoved": false}"#,
                "repos result[0] \"api\".id: an integer, the contract says a string"
            ),
            (
                #"{"id": "r1", "name": null, "isActive": true, "isRemoved": false}"#,
                "repos result[0].name: null, the contract says a string"
            ),
        ])
    func differingRepository(answer: String, problem: String) throws {
        let findings = FieldJudge.inspect(items: [try Self.json(answer)], as: .repository, listing: "repos")
        let check = FieldJudge.check(.fieldsRepository, findings[.repository] ?? FieldFindings(), what: "repositories")
        #expect(check.verdict == .contradicted)
        #expect(check.detail.contains(problem), "\(check.detail)")
    }

    @Test("fields beyond the contract's are reported, bounded and escaped, and do not contradict")
    func extraFields() throws {
        let answer =
            #"{"id": "r1", "name": "api", "isActive": true, "isRemoved": false, "archived": true, "x\u001b[31m": 1}"#
        let findings = FieldJudge.inspect(items: [try Self.json(answer)], as: .repository, listing: "repos")
        let check = FieldJudge.check(.fieldsRepository, findings[.repository] ?? FieldFindings(), what: "repositories")
        #expect(check.verdict == .confirmed)
        #expect(check.detail.contains("archived"))
        #expect(check.detail.contains(#"x\u{1B}[31m"#))
        #expect(!check.detail.contains("\u{1b}"))
    }

    @Test("nested objects are checked as their own kind: a plan's lastStatus, null where the contract allows it")
    func nestedPlan() throws {
        let organization = """
            {"id": "o1", "driver": 1, "name": "acme", "apiUrl": null, "isReadOnly": false, "protectedRepositories": 0,
             "totalRepositories": 0, "missingLicences": 0, "removedRepositories": 0, "defaultWorkerId": null,
             "isCreatedByMarketplace": false, "synchronizationInProgress": false,
             "plans": [{"id": "p1", "name": "nightly", "backupType": 5, "includeMetadata": true, "repoCount": 2,
                        "lastStatus": {"successes": 1, "warnings": "0", "errors": 0}, "planFinishedTime": null,
                        "isRunning": false}]}
            """
        let findings = FieldJudge.inspect(items: [try Self.json(organization)], as: .organization, listing: "orgs")
        #expect(findings[.organization]?.problemCount == 0)
        #expect(findings[.organizationPlan]?.objects == 1)
        #expect(findings[.organizationPlan]?.problemCount == 0)
        #expect(
            findings[.planStatus]?.problems == [
                #"orgs result[0] "acme".plans[0] "nightly".lastStatus.warnings: a string, the contract says an integer"#
            ])
    }

    @Test("the envelope: integers and a result array; a page that is not an object is contradicted")
    func envelope() throws {
        let good = FieldJudge.inspect(
            try Self.json(#"{"currentPage": 1, "pageCount": 1, "totalEntries": 0, "result": []}"#), as: .page, at: "p")
        #expect(good[.page]?.problemCount == 0)
        let bad = FieldJudge.inspect(try Self.json(#"{"currentPage": "1", "items": []}"#), as: .page, at: "p")
        #expect(bad[.page]?.problems.contains("p.currentPage: a string, the contract says an integer") == true)
        #expect(bad[.page]?.problems.contains("p.result: missing") == true)
        let notObject = FieldJudge.inspect(try Self.json("[1]"), as: .page, at: "p")
        #expect(notObject[.page]?.problems == ["p: an array, the contract says an object (OrganizationPage)"])
    }

    @Test("problems are counted in full but only the first few are named")
    func boundedProblems() throws {
        let items = try (0..<40).map { _ in try Self.json(#"{"id": 1}"#) }
        let findings = FieldJudge.inspect(items: items, as: .repository, listing: "r")
        let check = FieldJudge.check(.fieldsRepository, findings[.repository] ?? FieldFindings(), what: "repositories")
        #expect(check.detail.hasPrefix("160 field(s) differ"))
        #expect(check.detail.contains("and 155 more"))
    }

    @Test func nothingToLookAt() {
        let check = FieldJudge.check(.fieldsPlan, FieldFindings(), what: "plans")
        #expect(check.verdict == .notChecked)
        #expect(check.detail == "no plans to look at")
    }
}
