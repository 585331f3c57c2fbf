using System.Xml.Linq;
using Jixiao.Core.Security;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Infrastructure;

/// <summary>
/// Encrypts the Data Protection key ring (which signs cookies and antiforgery tokens) with the SM4 data key
/// before it is stored in the database, so a copy of the database alone cannot forge a session.
/// </summary>
public sealed class Sm4XmlEncryptor(FieldCipher cipher) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sm4Encrypted", cipher.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(Sm4XmlDecryptor));
}

/// <summary>Created by Data Protection through its activator, which passes the service provider.</summary>
public sealed class Sm4XmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<FieldCipher>().Decrypt(encryptedElement.Value)!);
}

public static class DataProtectionSm4
{
    public static IServiceCollection AddSm4KeyEncryption(this IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new Sm4XmlEncryptor(sp.GetRequiredService<FieldCipher>())));
}
