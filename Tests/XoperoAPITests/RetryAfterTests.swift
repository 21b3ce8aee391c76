import Foundation
import Testing

@testable import XoperoAPI

@Suite("Retry-After: whole seconds or a date, never trusted beyond an hour, never a crash")
struct RetryAfterTests {
    @Test(
        arguments: [
            ("0", Duration.zero), ("1", .seconds(1)), (" 7 ", .seconds(7)), ("3600", .seconds(3600)),
            ("99999999999999999999999", .seconds(3600)), ("36000", .seconds(3600)),
        ])
    func seconds(value: String, expected: Duration) {
        #expect(RetryAfter.parse(value) == expected)
    }

    @Test(arguments: ["inf", "-inf", "nan", "1e30", "-1", "1.5", "", "soon", String(repeating: "9", count: 100)])
    func ignored(value: String) {
        #expect(RetryAfter.parse(value) == nil)
    }

    @Test func httpDate() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // Fri, 15 Jan 2027 08:00:00 GMT
        #expect(RetryAfter.parse("Fri, 15 Jan 2027 08:00:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Fri, 15 Jan 2027 07:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("Sat, 15 Jan 2028 08:00:00 GMT", now: now) == .seconds(3600))
    }
}
