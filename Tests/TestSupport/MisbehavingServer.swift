import Foundation
import NIOCore
import NIOPosix

/// A request as a test double received it.
public struct RawRequest: Sendable {
    public var method: String
    public var path: String
    /// Header values by lowercased name.
    public var headers: [String: String]
    public var body: Data

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Writes raw bytes to one connection of a `MisbehavingServer`: anything at all, at any pace.
public struct RawConnection: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    public func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    public func write(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// A complete answer with a `Content-Length`.
    public func respond(
        status: Int, reason: String = "OK", headers: [String: String] = [:], body: String = ""
    ) async throws {
        var head = "HTTP/1.1 \(status) \(reason)\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        try await write(head + "\r\n" + body)
    }
}

/// A TCP server on a loopback port chosen by the system that answers HTTP requests however a test
/// script says: wrong numbers, stalled bodies, endless chunks, redirects, broken headers. It reads each
/// request whole (head and `Content-Length` body), then calls `respond`; a connection stays open for the
/// next request until `respond` returns `false` or the client closes it.
public struct MisbehavingServer: Sendable {
    public typealias Respond = @Sendable (RawRequest, RawConnection) async throws -> Bool

    /// `http://127.0.0.1:PORT`.
    public let url: String

    /// Runs `body` while the server answers with `respond`; stops the server afterwards.
    public static func run<T: Sendable>(
        _ respond: @escaping Respond, _ body: (MisbehavingServer) async throws -> T
    ) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        let accepting = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await serve(connection, respond) }
                    }
                }
            }
        }
        defer { accepting.cancel() }
        return try await body(MisbehavingServer(url: "http://127.0.0.1:\(port)"))
    }

    private static func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ respond: Respond) async {
        try? await connection.executeThenClose { inbound, outbound in
            var pending = [UInt8]()
            var iterator = inbound.makeAsyncIterator()
            while true {
                while RequestParser.parse(pending) == nil {
                    guard let chunk = try await iterator.next() else { return }
                    pending += Array(chunk.readableBytesView)
                    if pending.count > 8 * 1024 * 1024 { return }
                }
                guard let (request, used) = RequestParser.parse(pending) else { return }
                pending.removeFirst(used)
                guard try await respond(request, RawConnection(outbound: outbound)) else { return }
            }
        }
    }
}

/// Splits a buffer into one HTTP/1.1 request (head and `Content-Length` body) and the bytes it used.
enum RequestParser {
    static func parse(_ bytes: [UInt8]) -> (RawRequest, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = firstIndex(of: separator, in: bytes) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = end + separator.count
        guard bytes.count >= bodyStart + length else { return nil }
        let request = RawRequest(
            method: requestLine.first.map(String.init) ?? "",
            path: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: Data(bytes[bodyStart..<bodyStart + length]))
        return (request, bodyStart + length)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where Array(bytes[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }
}
