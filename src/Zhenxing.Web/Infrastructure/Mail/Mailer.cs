using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Zhenxing.Web.Infrastructure.Mail;

/// <summary>The SMTP server reminders go out through (configuration section <c>Smtp</c>); without a host, no e-mail is sent.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool UseSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "zhenxing@localhost";
    public string FromName { get; set; } = "振兴督查调度平台";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends plain-text mail through the configured SMTP server.</summary>
public sealed class Mailer(IOptions<SmtpOptions> options, ILogger<Mailer> logger)
{
    public bool Enabled => options.Value.Enabled;

    /// <returns>False when the server refused or could not be reached; the caller carries on (the in-app notice stands).</returns>
    public async Task<bool> SendAsync(IReadOnlyCollection<string> to, string subject, string body, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.Enabled || to.Count == 0)
        {
            return false;
        }
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        foreach (var address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not send mail to {Recipients}", string.Join(", ", to));
            return false;
        }
    }
}
