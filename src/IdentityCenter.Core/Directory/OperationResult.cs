namespace IdentityCenter.Core.Directory;

/// <summary>Why an operation did not succeed; lets a page choose between a field message, a conflict banner or "not found".</summary>
public enum OperationErrorKind
{
    None,
    Validation,
    Conflict,
    NotFound,
    Forbidden,
}

/// <summary>The outcome of a write: success, or field-level errors that say what to fix. Never an exception for bad input.</summary>
public class OperationResult
{
    protected OperationResult(OperationErrorKind kind, IReadOnlyList<FieldError> errors)
    {
        ErrorKind = kind;
        Errors = errors;
    }

    public static OperationResult Success { get; } = new(OperationErrorKind.None, []);

    public bool Succeeded => ErrorKind == OperationErrorKind.None;

    public OperationErrorKind ErrorKind { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>
    /// The AWS error code this failure stands for when the rule that refused it names one (e.g.
    /// <c>DuplicateOrganizationalUnitException</c> from the organization model), so the AWS-compatible APIs answer
    /// the code the SDKs expect; null otherwise (the console uses <see cref="ErrorKind"/>).
    /// </summary>
    public string? ErrorCode { get; private init; }

    /// <summary>The messages for one field (empty field name = general messages).</summary>
    public IEnumerable<string> ErrorsFor(string field) =>
        Errors.Where(e => string.Equals(e.Field, field, StringComparison.Ordinal)).Select(e => e.Message);

    /// <summary>All messages joined, for a snackbar.</summary>
    public string Summary => string.Join(" ", Errors.Select(e => e.Message));

    public static OperationResult Invalid(IReadOnlyList<FieldError> errors) => new(OperationErrorKind.Validation, errors);

    public static OperationResult Invalid(string field, string message) => new(OperationErrorKind.Validation, [new FieldError(field, message)]);

    public static OperationResult Conflict(string field, string message) => new(OperationErrorKind.Conflict, [new FieldError(field, message)]);

    public static OperationResult NotFound(string message) => new(OperationErrorKind.NotFound, [FieldError.General(message)]);

    public static OperationResult Forbidden(string message) => new(OperationErrorKind.Forbidden, [FieldError.General(message)]);

    public static OperationResult Failure(OperationErrorKind kind, IReadOnlyList<FieldError> errors) => new(kind, errors);

    /// <summary>A failure that also names its AWS error code (<see cref="ErrorCode"/>).</summary>
    public static OperationResult Failure(OperationErrorKind kind, IReadOnlyList<FieldError> errors, string? errorCode) => new(kind, errors) { ErrorCode = errorCode };

    public static OperationResult<T> Ok<T>(T value) => new(value, OperationErrorKind.None, []);

    /// <summary>This failure as a result of another value type (a success cannot be converted).</summary>
    public OperationResult<T> As<T>() => Succeeded
        ? throw new InvalidOperationException("Only a failed result can be converted; use OperationResult.Ok for a success.")
        : new(default, ErrorKind, Errors) { ErrorCode = ErrorCode };
}

/// <summary>An <see cref="OperationResult"/> that carries a value on success. Make one with
/// <see cref="OperationResult.Ok{T}(T)"/> or, for a failure, <see cref="OperationResult.As{T}"/>.</summary>
public sealed class OperationResult<T> : OperationResult
{
    internal OperationResult(T? value, OperationErrorKind kind, IReadOnlyList<FieldError> errors)
        : base(kind, errors)
    {
        Value = value;
    }

    /// <summary>The value; only meaningful when <see cref="OperationResult.Succeeded"/>.</summary>
    public T? Value { get; }
}
