using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>The leader (领导) the benchmarks call the API as, with a fresh API key for each run.</summary>
public sealed class BenchLeader(ZhenxingDb db, AddUser addUser, CreateApiKey createApiKey)
{
    public const string UserName = "bench-leader";
    private const string KeyName = "基准测试";

    /// <returns>The secret of a new API key of the benchmark leader (created when missing).</returns>
    public async Task<string> CreateKeyAsync(CancellationToken cancellationToken)
    {
        var userId = await db.Users.Where(u => u.UserName == UserName).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            // Nobody signs in as this user: the password is generated and never shown.
            var (user, errors) = await addUser.RunAsync(new NewUser(UserName, "基准测试领导", Role.Leader, null, Passwords.Generate(UserName)), cancellationToken);
            userId = user?.Id ?? throw new InvalidOperationException("无法创建基准测试用户：" + string.Join("；", errors.Values));
        }
        // The keys of earlier runs are of no use to anybody (their secrets were never shown): remove them.
        await db.ApiKeys.Where(k => k.UserId == userId && k.Name == KeyName).ExecuteDeleteAsync(cancellationToken);
        var (created, error) = await createApiKey.RunAsync(userId.Value, KeyName, cancellationToken);
        return created?.Secret ?? throw new InvalidOperationException("无法创建基准测试 API 密钥：" + error);
    }
}
