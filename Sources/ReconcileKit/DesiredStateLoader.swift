import Foundation
import ReconcileCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads desired-state files from disk.
///
/// A file is judged before it is read: it must be a regular file (not a folder, device, FIFO or
/// socket, and nothing under /proc, /sys or /dev once symlinks are resolved), not the password file
/// (`XOPERO_PASSWORD_FILE`), and at most `DesiredStateParser.maximumFileBytes` large. The read itself
/// stops after one byte more than the limit, since some files report a size of 0.
public enum DesiredStateLoader {
    /// The files' text, in the order given, and an error for each file that is not UTF-8 (located at
    /// its first bad byte; that file's text then has U+FFFD in place of bad bytes, for quoting).
    public static func read(
        _ paths: [String], environment: [String: String] = [:]
    ) throws(ReconcileError) -> (files: [SourceFile], problems: [Diagnostic]) {
        let passwordFile = environment["XOPERO_PASSWORD_FILE"].flatMap { $0.isEmpty ? nil : FileIdentity(path: $0) }
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        for path in paths {
            let bytes = try readBounded(path, passwordFile: passwordFile)
            let decoded = SourceDecoding.decode(bytes, path: path)
            files.append(decoded.file)
            if let problem = decoded.problem { problems.append(problem) }
        }
        return (files, problems)
    }
    // MARK: Reading

    /// The file's bytes, after checking its kind, identity and size; at most the limit plus one byte is read.
    private static func readBounded(_ path: String, passwordFile: FileIdentity?) throws(ReconcileError) -> [UInt8] {
        guard let resolved = realpath(path, nil) else {
            throw .unreadableFile(path: path, reason: reason(errno))
        }
        let real = String(cString: resolved)
        free(resolved)
        if let area = ["/proc", "/sys", "/dev"].first(where: { real == $0 || real.hasPrefix($0 + "/") }) {
            throw .unreadableFile(
                path: path, reason: "it is \(real), under \(area): a system file, not a desired-state file")
        }
        var info = stat()
        guard stat(real, &info) == 0 else { throw .unreadableFile(path: path, reason: reason(errno)) }
        try checkKind(info, path: path)
        if let passwordFile, passwordFile.matches(info) {
            throw .unreadableFile(
                path: path,
                reason: "it is the password file (XOPERO_PASSWORD_FILE); a desired-state file never holds a secret")
        }
        let limit = DesiredStateParser.maximumFileBytes
        if Int(info.st_size) > limit {
            throw .unreadableFile(path: path, reason: DesiredStateParser.fileTooLargeMessage(bytes: Int(info.st_size)))
        }
        // Non-blocking, so that a file swapped for a FIFO after the check cannot hang the read.
        let descriptor = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { throw .unreadableFile(path: path, reason: reason(errno)) }
        try checkKind(opened, path: path)
        return try readAtMost(limit + 1, from: descriptor, path: path, limit: limit)
    }

    private static func readAtMost(
        _ maximum: Int, from descriptor: Int32, path: String, limit: Int
    ) throws(ReconcileError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maximum)
        var count = 0
        while count < maximum {
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress.map { $0 + count }, maximum - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: reason(errno))
            }
            if got == 0 { break }
            count += got
        }
        if count > limit {
            throw .unreadableFile(
                path: path, reason: DesiredStateParser.fileTooLargeMessage(bytes: count) + " (more was not read)")
        }
        bytes.removeLast(maximum - count)
        return bytes
    }

    /// Refuses anything but a regular file, saying what it is.
    private static func checkKind(_ info: stat, path: String) throws(ReconcileError) {
        let kind: String? =
            switch info.st_mode & S_IFMT {
            case S_IFREG: nil
            case S_IFDIR: "it is a folder, not a file"
            case S_IFCHR, S_IFBLK: "it is a device, not a file"
            case S_IFIFO: "it is a FIFO (named pipe), not a file"
            case S_IFSOCK: "it is a socket, not a file"
            default: "it is not a regular file"
            }
        if let kind { throw .unreadableFile(path: path, reason: kind) }
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT, ENOTDIR:
            "no such file (write one, or name it with -f FILE; the default is reconcile.yaml in the current folder)"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "too many symbolic links"
        default: String(cString: strerror(code))
        }
    }
}

/// read(2); the loader's own `read` hides the plain name.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
    #else
        Darwin.read(descriptor, buffer, count)
    #endif
}

/// A file's device and inode, to tell whether two paths are the same file without reading either.
private struct FileIdentity {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    func matches(_ info: stat) -> Bool {
        UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
