using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// Checks one signature with one DNSKEY. RSA and ECDSA use .NET's own cryptography; Ed25519 and Ed448 (RFC 8080),
/// which .NET lacks, use BouncyCastle. The algorithms are those RFC 8624 3.1 has validators implement, and
/// RSA/SHA-1 (5, 7), which it still has them validate. Others are unknown: a zone signed only with them is insecure.
/// </summary>
public static class SignatureAlgorithms
{
    public static bool IsSupported(byte algorithm) => algorithm is 5 or 7 or 8 or 10 or 13 or 14 or 15 or 16;

    public static bool Verify(byte algorithm, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return algorithm switch
            {
                5 or 7 => VerifyRsa(publicKey, data, signature, HashAlgorithmName.SHA1),
                8 => VerifyRsa(publicKey, data, signature, HashAlgorithmName.SHA256),
                10 => VerifyRsa(publicKey, data, signature, HashAlgorithmName.SHA512),
                13 => VerifyEcdsa(publicKey, data, signature, ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256),
                14 => VerifyEcdsa(publicKey, data, signature, ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384),
                15 => VerifyEd25519(publicKey, data, signature),
                16 => VerifyEd448(publicKey, data, signature),
                _ => false,
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            return false; // a malformed key or signature verifies nothing
        }
    }

    /// <summary>RFC 3110 2: one byte of exponent length (or zero and two bytes), the exponent, then the modulus.</summary>
    private static bool VerifyRsa(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (key.Length < 3) return false;
        int exponentLength = key[0], at = 1;
        if (exponentLength == 0)
        {
            exponentLength = key[1] << 8 | key[2];
            at = 3;
        }
        if (exponentLength == 0 || at + exponentLength >= key.Length) return false;
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = key.Slice(at, exponentLength).ToArray(), Modulus = key[(at + exponentLength)..].ToArray() });
        return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>RFC 6605 4: the key is the point's X then Y; the signature is r then s, each the curve's size.</summary>
    private static bool VerifyEcdsa(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, ECCurve curve, int size, HashAlgorithmName hash)
    {
        if (key.Length != 2 * size || signature.Length != 2 * size) return false;
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = key[..size].ToArray(), Y = key[size..].ToArray() } });
        return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool VerifyEd25519(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (key.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != Ed25519.SignatureSize) return false;
        var signer = new Ed25519Signer();
        signer.Init(false, new Ed25519PublicKeyParameters(key.ToArray()));
        signer.BlockUpdate(data.ToArray(), 0, data.Length);
        return signer.VerifySignature(signature.ToArray());
    }

    private static bool VerifyEd448(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (key.Length != Ed448PublicKeyParameters.KeySize || signature.Length != Ed448.SignatureSize) return false;
        var signer = new Ed448Signer([]); // RFC 8080 4: no context
        signer.Init(false, new Ed448PublicKeyParameters(key.ToArray()));
        signer.BlockUpdate(data.ToArray(), 0, data.Length);
        return signer.VerifySignature(signature.ToArray());
    }

    private static class Ed25519 { public const int SignatureSize = 64; }
    private static class Ed448 { public const int SignatureSize = 114; }
}
