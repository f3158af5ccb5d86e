import PFOCRRecords

/// Why an export could not run or finish. Each case maps to one sysexits code.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// Bad usage: unknown format or option value, a foreign non-empty output folder (64).
    case usage(String)
    /// No record found in the inputs (66).
    case noInput(String)
    /// The output folder cannot be created or used (73).
    case cannotCreateOutput(path: String, reason: String)
    /// Writing an output file failed (74).
    case io(path: String, reason: String)
    /// A mapping file is malformed (78).
    case mapping(MappingError)

    /// The sysexits code of this error.
    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .noInput: 66
        case .cannotCreateOutput: 73
        case .io: 74
        case .mapping: 78
        }
    }

    public var description: String {
        switch self {
        case .usage(let message): "error: \(message)"
        case .noInput(let message): "error: \(message)"
        case .cannotCreateOutput(let path, let reason): "\(path): error: cannot create output folder: \(reason)"
        case .io(let path, let reason): "\(path): error: cannot write: \(reason)"
        case .mapping(let error): error.description
        }
    }
}
