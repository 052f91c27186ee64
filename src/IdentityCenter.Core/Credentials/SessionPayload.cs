using System.Buffers.Binary;
using System.Text;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The binary plaintext inside a session token: fixed fields first, then length-prefixed UTF-8
/// strings (LEB128 lengths). Compact so tokens stay short, and read without intermediate buffers.
/// </summary>
internal static class SessionPayload
{
    private const byte MfaFlag = 1;

    // flags(1) + issued(8) + lifetime(>=1) + version(>=1) + secret(30) + 7 strings(>=1 each) + 3 counts(>=1 each)
    public const int MinLength = 1 + 8 + 1 + 1 + AccessKeys.SecretAccessKeyBytes + 7 + 3;

    /// <summary>Most organization paths a token carries (an account has one path today).</summary>
    private const int MaxOrganizationPaths = 16;

    public static int GetLength(SessionClaims c)
    {
        var length = 1 + 8 + VarIntLength((ulong)LifetimeMilliseconds(c)) + VarIntLength((uint)c.PermissionSetVersion) + AccessKeys.SecretAccessKeyBytes;
        length += StringLength(c.UserId) + StringLength(c.UserName) + StringLength(c.AccountId)
            + StringLength(c.PermissionSetId) + StringLength(c.RoleArn) + StringLength(c.SessionName);
        length += VarIntLength((uint)c.PrincipalTags.Count);
        foreach (var (key, value) in c.PrincipalTags)
        {
            length += StringLength(key) + StringLength(value);
        }

        length += StringLength(c.OrganizationId ?? string.Empty) + VarIntLength((uint)c.OrganizationPaths.Count);
        foreach (var path in c.OrganizationPaths)
        {
            length += StringLength(path);
        }

        length += VarIntLength((uint)c.GrantingPrincipalIds.Count);
        foreach (var id in c.GrantingPrincipalIds)
        {
            length += StringLength(id);
        }

        return length;
    }

    public static void Write(SessionClaims c, ReadOnlySpan<byte> secret, Span<byte> destination)
    {
        if (c.PermissionSetVersion < 0)
        {
            throw new ArgumentException("Permission set versions are never negative.", nameof(c));
        }

        if (c.OrganizationPaths.Count > MaxOrganizationPaths)
        {
            throw new ArgumentException($"A session carries at most {MaxOrganizationPaths} organization paths.", nameof(c));
        }

        var w = new Writer(destination);
        w.Byte(c.MfaPresent ? MfaFlag : (byte)0);
        w.Int64(c.IssuedAt.ToUnixTimeMilliseconds());
        w.VarInt((ulong)LifetimeMilliseconds(c));
        w.VarInt((uint)c.PermissionSetVersion);
        w.Bytes(secret);
        w.String(c.UserId);
        w.String(c.UserName);
        w.String(c.AccountId);
        w.String(c.PermissionSetId);
        w.String(c.RoleArn);
        w.String(c.SessionName);
        w.VarInt((uint)c.PrincipalTags.Count);
        foreach (var (key, value) in c.PrincipalTags)
        {
            w.String(key);
            w.String(value);
        }

        w.String(c.OrganizationId ?? string.Empty);
        w.VarInt((uint)c.OrganizationPaths.Count);
        foreach (var path in c.OrganizationPaths)
        {
            w.String(path);
        }

        w.VarInt((uint)c.GrantingPrincipalIds.Count);
        foreach (var id in c.GrantingPrincipalIds)
        {
            w.String(id);
        }

        if (w.Position != destination.Length)
        {
            throw new InvalidOperationException("Session payload length mismatch.");
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> source, ReadOnlySpan<char> accessKeyId, bool includeSecret, out SessionClaims claims, out string? secret)
    {
        claims = null!;
        secret = null;
        var r = new Reader(source);
        if (!r.Byte(out var flags) || !r.Int64(out var issued) || !r.VarInt(out var lifetime) || !r.VarInt(out var version)
            || version > int.MaxValue || lifetime > long.MaxValue / 2 || !r.Bytes(AccessKeys.SecretAccessKeyBytes, out var secretBytes)
            || !r.String(out var userId) || !r.String(out var userName) || !r.String(out var accountId)
            || !r.String(out var permissionSetId) || !r.String(out var roleArn) || !r.String(out var sessionName)
            || !r.VarInt(out var tagCount) || tagCount > 1024)
        {
            return false;
        }

        var tags = SessionClaims.EmptyTags;
        if (tagCount > 0)
        {
            var dictionary = new Dictionary<string, string>((int)tagCount, StringComparer.OrdinalIgnoreCase);
            for (var i = 0UL; i < tagCount; i++)
            {
                if (!r.String(out var key) || !r.String(out var value) || !dictionary.TryAdd(key, value))
                {
                    return false;
                }
            }

            tags = dictionary;
        }

        if (!r.String(out var organizationId) || !r.VarInt(out var pathCount) || pathCount > MaxOrganizationPaths)
        {
            return false;
        }

        var paths = pathCount == 0 ? [] : new string[pathCount];
        for (var i = 0; i < paths.Length; i++)
        {
            if (!r.String(out paths[i]))
            {
                return false;
            }
        }

        if (!r.VarInt(out var grantCount) || grantCount > 1024)
        {
            return false;
        }

        var grants = grantCount == 0 ? [] : new string[grantCount];
        for (var i = 0; i < grants.Length; i++)
        {
            if (!r.String(out grants[i]))
            {
                return false;
            }
        }

        if (!r.AtEnd || issued < 0 || issued > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() - (long)lifetime)
        {
            return false;
        }

        if (includeSecret)
        {
            secret = AccessKeys.FormatSecretAccessKey(secretBytes);
        }

        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(issued);
        claims = new SessionClaims
        {
            AccessKeyId = accessKeyId.ToString(),
            UserId = userId,
            UserName = userName,
            AccountId = accountId,
            PermissionSetId = permissionSetId,
            PermissionSetVersion = (int)version,
            RoleArn = roleArn,
            SessionName = sessionName,
            IssuedAt = issuedAt,
            ExpiresAt = issuedAt.AddMilliseconds(lifetime),
            MfaPresent = (flags & MfaFlag) != 0,
            PrincipalTags = tags,
            OrganizationId = organizationId.Length == 0 ? null : organizationId,
            OrganizationPaths = paths,
            GrantingPrincipalIds = grants,
        };
        return true;
    }

    private static long LifetimeMilliseconds(SessionClaims c) =>
        c.ExpiresAt.ToUnixTimeMilliseconds() - c.IssuedAt.ToUnixTimeMilliseconds();

    private static int StringLength(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return VarIntLength((uint)bytes) + bytes;
    }

    private static int VarIntLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Byte(byte value) => _buffer[Position++] = value;

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value);
            Position += 8;
        }

        public void VarInt(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer[Position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[Position++] = (byte)value;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_buffer[Position..]);
            Position += value.Length;
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            VarInt((uint)length);
            Position += Encoding.UTF8.GetBytes(value, _buffer[Position..]);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> buffer)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;
        private int _position;

        public readonly bool AtEnd => _position == _buffer.Length;

        public bool Byte(out byte value)
        {
            value = 0;
            if (_position >= _buffer.Length)
            {
                return false;
            }

            value = _buffer[_position++];
            return true;
        }

        public bool Int64(out long value)
        {
            value = 0;
            if (_buffer.Length - _position < 8)
            {
                return false;
            }

            value = BinaryPrimitives.ReadInt64LittleEndian(_buffer[_position..]);
            _position += 8;
            return true;
        }

        public bool VarInt(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _buffer.Length)
                {
                    return false;
                }

                var b = _buffer[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return true;
                }
            }

            return false;
        }

        public bool Bytes(int count, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (_buffer.Length - _position < count)
            {
                return false;
            }

            value = _buffer.Slice(_position, count);
            _position += count;
            return true;
        }

        public bool String(out string value)
        {
            value = string.Empty;
            if (!VarInt(out var length) || length > (ulong)(_buffer.Length - _position))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(_buffer.Slice(_position, (int)length));
            _position += (int)length;
            return true;
        }
    }
}
