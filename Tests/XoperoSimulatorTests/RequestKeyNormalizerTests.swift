import Foundation
import Testing
import XoperoContract

@testable import XoperoSimulator

@Suite struct RequestKeyNormalizerTests {
    static func normalize(_ json: String) throws -> JSONValue {
        let parsed = try #require(JSONValue.parse(Data(json.utf8)))
        return try RequestKeyNormalizer.normalize(parsed)
    }

    @Test(arguments: ["page", "Page", "PAGE", "pAgE"])
    func topLevelKeysTakeTheContractSpelling(spelling: String) throws {
        #expect(try Self.normalize(#"{"\#(spelling)": 3}"#) == .object(["page": .integer(3)]))
    }

    @Test func camelCaseKeysAreRestored() throws {
        let result = try Self.normalize(
            #"{"INCLUDEALLREPOSITORIES": true, "RepositoryId": "r", "planid": "p", "OrderBy": "Name"}"#)
        #expect(
            result
                == .object([
                    "includeAllRepositories": .bool(true), "repositoryId": .string("r"), "planId": .string("p"),
                    "orderby": .string("Name"),
                ]))
    }

    @Test func filterItemsAreNormalizedButTheirValuesAreNot() throws {
        let result = try Self.normalize(#"{"Filters": [{"Property": "IsRemoved", "OPERATOR": "eq", "Value": "Name"}]}"#)
        #expect(
            result
                == .object([
                    "filters": .array([
                        .object([
                            "property": .string("IsRemoved"), "operator": .string("eq"), "value": .string("Name"),
                        ])
                    ])
                ]))
    }

    @Test func settingsKeysAreUserDataAndKeptAsSent() throws {
        let result = try Self.normalize(#"{"ID": "p", "Settings": {"Page": "1", "retentionDays": "30"}}"#)
        #expect(
            result
                == .object([
                    "id": .string("p"),
                    "settings": .object(["Page": .string("1"), "retentionDays": .string("30")]),
                ]))
    }

    @Test func unknownKeysAreLeftAlone() throws {
        #expect(try Self.normalize(#"{"SomethingElse": 1}"#) == .object(["SomethingElse": .integer(1)]))
    }

    @Test func aFieldGivenTwiceInDifferentCaseIsRefused() throws {
        #expect(throws: RequestKeyNormalizationError.duplicateField(path: "page", spellings: ["Page", "page"])) {
            try Self.normalize(#"{"page": 1, "Page": 2}"#)
        }
        #expect(throws: RequestKeyNormalizationError.self) {
            try Self.normalize(#"{"filters": [{"value": 1, "Value": 2, "property": "Name", "operator": "eq"}]}"#)
        }
    }

    @Test func bytesThatAreNotAnObjectPassThroughUnchanged() throws {
        for text in ["not json", "[1,2]", "42", ""] {
            let data = Data(text.utf8)
            #expect(try RequestKeyNormalizer.normalize(jsonData: data) == data)
        }
    }

    @Test func bigIntegersSurviveTheRoundTrip() throws {
        let data = try RequestKeyNormalizer.normalize(jsonData: Data(#"{"Limit": 1643754961233}"#.utf8))
        #expect(String(decoding: data, as: UTF8.self) == #"{"limit":1643754961233}"#)
    }
}
