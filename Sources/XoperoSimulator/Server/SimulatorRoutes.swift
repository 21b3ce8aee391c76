import Foundation
import Hummingbird

/// The simulator's own read-only routes, which the real server does not have:
/// `GET /__sim/state` (the whole state in the state-file format) and `GET /__sim/stats` (calls received).
enum SimulatorRoutes {
    static func register(on router: Router<BasicRequestContext>, store: SimulatorStore) {
        router.get("/__sim/state") { _, _ in
            json(await store.snapshot().encoded())
        }
        router.get("/__sim/stats") { _, _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return json((try? encoder.encode(await store.stats())) ?? Data())
        }
    }

    private static func json(_ data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
