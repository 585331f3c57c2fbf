using System.Reflection;
using System.Text.Json;
using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jixiao.Core.Data;

/// <summary>What the context needs to write the audit log: who acts, the clock, the chain key.</summary>
public interface IAuditContext
{
    AuditActor Actor { get; }

    TimeProvider Time { get; }

    byte[] ChainKey { get; }
}

/// <summary>
/// The one DbContext. Saving changes also (in the same transaction) bumps the version of every modified
/// <see cref="IVersioned"/> record, and appends an audit record per changed row plus any decision
/// recorded with <see cref="Audit"/>.
/// </summary>
public sealed class JixiaoDbContext(DbContextOptions<JixiaoDbContext> options, IAuditContext? auditContext = null)
    : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>PostgreSQL advisory lock that serialises appends to the audit chain across app nodes.</summary>
    private const long AuditLockKey = 7_402_611_311;

    private readonly List<AuditRecord> _pendingEvents = [];

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<BudgetSectionAssignment> BudgetSectionAssignments => Set<BudgetSectionAssignment>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();
    public DbSet<RuleSet> RuleSets => Set<RuleSet>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<Todo> Todos => Set<Todo>();
    public DbSet<KeyMaterial> KeyMaterials => Set<KeyMaterial>();
    public DbSet<Workflows.WorkflowStep> WorkflowSteps => Set<Workflows.WorkflowStep>();
    public DbSet<Projects.Project> Projects => Set<Projects.Project>();
    public DbSet<Goals.PerformanceGoal> PerformanceGoals => Set<Goals.PerformanceGoal>();
    public DbSet<Goals.GoalIndicator> GoalIndicators => Set<Goals.GoalIndicator>();
    public DbSet<Indicators.LibraryIndicator> LibraryIndicators => Set<Indicators.LibraryIndicator>();
    public DbSet<ThirdParties.Expert> Experts => Set<ThirdParties.Expert>();
    public DbSet<ThirdParties.ThirdPartyAgency> Agencies => Set<ThirdParties.ThirdPartyAgency>();
    public DbSet<ThirdParties.AgencyRating> AgencyRatings => Set<ThirdParties.AgencyRating>();
    public DbSet<ThirdParties.AgencyInspection> AgencyInspections => Set<ThirdParties.AgencyInspection>();
    public DbSet<PriorAssessments.PriorAssessment> PriorAssessments => Set<PriorAssessments.PriorAssessment>();
    public DbSet<PriorAssessments.PriorAssessmentScorer> PriorAssessmentScorers => Set<PriorAssessments.PriorAssessmentScorer>();
    public DbSet<PriorAssessments.PriorAssessmentAttachment> PriorAssessmentAttachments => Set<PriorAssessments.PriorAssessmentAttachment>();
    public DbSet<Attachments.AttachmentContent> AttachmentContents => Set<Attachments.AttachmentContent>();
    public DbSet<Monitoring.Payment> Payments => Set<Monitoring.Payment>();
    public DbSet<Monitoring.PaymentBatch> PaymentBatches => Set<Monitoring.PaymentBatch>();
    public DbSet<Monitoring.MonitoringRound> MonitoringRounds => Set<Monitoring.MonitoringRound>();
    public DbSet<Monitoring.MonitoringReport> MonitoringReports => Set<Monitoring.MonitoringReport>();
    public DbSet<Monitoring.FinanceAction> FinanceActions => Set<Monitoring.FinanceAction>();
    public DbSet<Evaluations.SelfEvaluationTask> SelfEvaluationTasks => Set<Evaluations.SelfEvaluationTask>();
    public DbSet<Evaluations.SelfEvaluation> SelfEvaluations => Set<Evaluations.SelfEvaluation>();
    public DbSet<Evaluations.KeyEvaluation> KeyEvaluations => Set<Evaluations.KeyEvaluation>();
    public DbSet<Evaluations.KeyEvaluationSubject> KeyEvaluationSubjects => Set<Evaluations.KeyEvaluationSubject>();
    public DbSet<Evaluations.KeyEvaluationIndicator> KeyEvaluationIndicators => Set<Evaluations.KeyEvaluationIndicator>();
    public DbSet<Evaluations.KeyEvaluationScorer> KeyEvaluationScorers => Set<Evaluations.KeyEvaluationScorer>();
    public DbSet<Evaluations.ReEvaluation> ReEvaluations => Set<Evaluations.ReEvaluation>();
    public DbSet<Evaluations.ReEvaluationItem> ReEvaluationItems => Set<Evaluations.ReEvaluationItem>();
    public DbSet<Appraisals.AppraisalRound> AppraisalRounds => Set<Appraisals.AppraisalRound>();
    public DbSet<Appraisals.AppraisalSheet> AppraisalSheets => Set<Appraisals.AppraisalSheet>();
    public DbSet<Appraisals.AppraisalLine> AppraisalLines => Set<Appraisals.AppraisalLine>();
    public DbSet<Appraisals.AppraisalFollowUp> AppraisalFollowUps => Set<Appraisals.AppraisalFollowUp>();
    public DbSet<Results.FeedbackLetter> FeedbackLetters => Set<Results.FeedbackLetter>();
    public DbSet<Results.Rectification> Rectifications => Set<Results.Rectification>();
    public DbSet<Results.RectificationItem> RectificationItems => Set<Results.RectificationItem>();
    public DbSet<Results.RectificationEvidence> RectificationEvidence => Set<Results.RectificationEvidence>();
    public DbSet<Jobs.JobLease> JobLeases => Set<Jobs.JobLease>();
    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();
    public DbSet<Disclosure.DisclosureItem> DisclosureItems => Set<Disclosure.DisclosureItem>();
    public DbSet<BudgetLinkage.BudgetLinkageDecision> BudgetLinkageDecisions => Set<BudgetLinkage.BudgetLinkageDecision>();
    public DbSet<BudgetLinkage.TransferPayment> TransferPayments => Set<BudgetLinkage.TransferPayment>();
    public DbSet<BudgetLinkage.CongressReport> CongressReports => Set<BudgetLinkage.CongressReport>();
    public DbSet<FiscalEvaluations.FiscalEvaluation> FiscalEvaluations => Set<FiscalEvaluations.FiscalEvaluation>();
    public DbSet<FiscalEvaluations.FiscalEvaluationSheet> FiscalEvaluationSheets => Set<FiscalEvaluations.FiscalEvaluationSheet>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The current time from the audit context's clock (a fake one in tests).</summary>
    public DateTime Now => (auditContext?.Time ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public AuditActor Actor => auditContext?.Actor ?? AuditActor.System;

    /// <summary>Records a decision or event (sign-in, workflow step) to be appended with the next save.</summary>
    public void Audit(string action, string targetType, string? targetId, object? summary = null, AuditActor? actor = null)
    {
        var text = summary switch
        {
            null => null,
            string s => s,
            _ => JsonSerializer.Serialize(summary, SummaryJson),
        };
        _pendingEvents.Add(new AuditRecord(Now, actor ?? Actor, action, targetType, targetId, text));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JixiaoDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var p in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType;
                if (type.IsEnum)
                {
                    // Status and kinds are stored as their names: readable in SQL and stable when enums grow.
                    var converter = (ValueConverter)Activator.CreateInstance(typeof(EnumToStringConverter<>).MakeGenericType(type), [null])!;
                    p.SetValueConverter(converter);
                    p.SetMaxLength(40);
                }
                else if (type == typeof(decimal) && p.GetPrecision() is null)
                {
                    p.SetPrecision(18);
                    p.SetScale(4);
                }
            }
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken = true;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        BumpVersions();
        var changes = auditContext is null ? [] : CaptureChanges();
        if (auditContext is null || (changes.Count == 0 && _pendingEvents.Count == 0))
            return await SaveOrConflictAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await SaveOrConflictAsync(true, cancellationToken);
            var records = changes.Select(c => c.ToRecord(Now, Actor)).Concat(_pendingEvents).ToList();
            _pendingEvents.Clear();
            await AppendAuditAsync(records, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        catch
        {
            // The events described this save; it failed, so a later save must not record them as done.
            _pendingEvents.Clear();
            if (ownTransaction is not null) await ownTransaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private async Task<int> SaveOrConflictAsync(bool accept, CancellationToken ct)
    {
        try
        {
            return await base.SaveChangesAsync(accept, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    private async Task AppendAuditAsync(List<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        if (IsPostgres)
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", ct);
        // On SQLite the transaction is BEGIN IMMEDIATE and already holds the write lock.
        var last = await AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var hash = last?.Hash;
        foreach (var r in records)
        {
            AuditChain.Link(auditContext!.ChainKey, r, sequence, hash);
            sequence = r.Sequence;
            hash = r.Hash;
            AuditRecords.Add(r);
        }
        await base.SaveChangesAsync(true, ct);
    }

    private void BumpVersions()
    {
        foreach (var e in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            // Bookkeeping alone (sign-in counters) is no edit: an administrator's open form must not go stale by it.
            if (e.Properties.Where(p => p.IsModified).All(Ignored)) continue;
            var p = e.Property(x => x.Version);
            p.CurrentValue = p.OriginalValue + 1;
        }
    }

    /// <summary>Makes the next save check this record against the version the user based the edit on.</summary>
    public void ExpectVersion<T>(T entity, int version) where T : class, IVersioned
    {
        var p = Entry(entity).Property(x => x.Version);
        if (p.OriginalValue != version) throw new ConcurrencyConflictException();
        p.OriginalValue = version;
    }

    private List<CapturedChange> CaptureChanges()
    {
        var list = new List<CapturedChange>();
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (e.Entity is AuditRecord or DataProtectionKey) continue;
            if (e.Metadata.ClrType.GetCustomAttribute<NotAuditedEntityAttribute>() is not null) continue;
            var change = new CapturedChange(e, e.State);
            if (e.State == EntityState.Modified)
            {
                var changed = e.Properties.Where(p => p.IsModified && !Ignored(p) && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                if (changed.Count == 0 || changed.All(p => p.Metadata.Name == nameof(IVersioned.Version))) continue;
                foreach (var p in changed)
                    change.Values[p.Metadata.Name] = new { before = Show(p, p.OriginalValue), after = Show(p, p.CurrentValue) };
            }
            else if (e.State == EntityState.Deleted)
            {
                foreach (var p in e.Properties.Where(p => !Ignored(p))) change.Values[p.Metadata.Name] = Show(p, p.OriginalValue);
            }
            list.Add(change);
        }
        return list;
    }

    private static bool Ignored(PropertyEntry p) => p.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null;

    private static object? Show(PropertyEntry p, object? value) =>
        p.Metadata.PropertyInfo?.GetCustomAttribute<AuditMaskedAttribute>() is not null && value is not null ? "***" : value switch
        {
            Enum en => en.ToString(),
            _ => value,
        };

    internal static readonly JsonSerializerOptions SummaryJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class CapturedChange(EntityEntry entry, EntityState state)
    {
        public Dictionary<string, object?> Values { get; } = [];

        public AuditRecord ToRecord(DateTime now, AuditActor actor)
        {
            if (state == EntityState.Added)
            {
                foreach (var p in entry.Properties.Where(p => !Ignored(p))) Values[p.Metadata.Name] = Show(p, p.CurrentValue);
            }
            var key = entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue, System.Globalization.CultureInfo.InvariantCulture));
            var action = state switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                _ => "delete",
            };
            return new AuditRecord(now, actor, action, entry.Metadata.ClrType.Name, string.Join(",", key),
                JsonSerializer.Serialize(Values, SummaryJson));
        }
    }
}

/// <summary>Stores DateTime as UTC and reads it back as UTC, the same on SQLite and PostgreSQL.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
