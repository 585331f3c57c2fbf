using Jixiao.Core.Common;
using Jixiao.Core.Identity;

namespace Jixiao.Core.Workflows;

/// <summary>One allowed move of a workflow: from a state, by an action, to a state, by one of the given roles.</summary>
public sealed record Transition<TState, TAction>(TState From, TAction Action, TState To, IReadOnlySet<Role> Roles, bool RequiresReason)
    where TState : struct, Enum
    where TAction : struct, Enum;

/// <summary>
/// The declared transition table of one workflow (DESIGN principle 3). Every allowed move is listed here;
/// anything else is refused with a Chinese message — never a silent no-op.
/// </summary>
public sealed class StateMachine<TState, TAction>
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private readonly List<Transition<TState, TAction>> _transitions = [];
    private readonly Func<TState, string> _stateName;
    private readonly Func<TAction, string> _actionName;

    public StateMachine(Func<TState, string> stateName, Func<TAction, string> actionName)
    {
        _stateName = stateName;
        _actionName = actionName;
    }

    public IReadOnlyList<Transition<TState, TAction>> Transitions => _transitions;

    /// <summary>Declares a move; <paramref name="requiresReason"/> for returns and rejections.</summary>
    public StateMachine<TState, TAction> Allow(TState from, TAction action, TState to, bool requiresReason, params Role[] roles)
    {
        if (_transitions.Any(t => EqualityComparer<TState>.Default.Equals(t.From, from) && EqualityComparer<TAction>.Default.Equals(t.Action, action)))
            throw new InvalidOperationException($"duplicate transition {from} --{action}->");
        _transitions.Add(new(from, action, to, roles.ToHashSet(), requiresReason));
        return this;
    }

    /// <summary>The actions the given roles may take from a state (for the buttons a page shows).</summary>
    public IEnumerable<TAction> ActionsFrom(TState state, IEnumerable<Role> roles)
    {
        var r = roles.ToList();
        return _transitions.Where(t => EqualityComparer<TState>.Default.Equals(t.From, state) && t.Roles.Overlaps(r)).Select(t => t.Action);
    }

    /// <summary>The state after the move, or a <see cref="DomainException"/> saying why it is not allowed.</summary>
    public Transition<TState, TAction> Check(TState from, TAction action, IEnumerable<Role> roles, string? reason)
    {
        var t = _transitions.FirstOrDefault(t => EqualityComparer<TState>.Default.Equals(t.From, from) && EqualityComparer<TAction>.Default.Equals(t.Action, action));
        if (t is null)
            throw new DomainException($"当前状态为“{_stateName(from)}”，不能执行“{_actionName(action)}”。");
        if (!t.Roles.Overlaps(roles))
            throw new DomainException($"您的角色不能在“{_stateName(from)}”状态执行“{_actionName(action)}”，应由{string.Join("或", t.Roles.Select(x => x.ChineseName()))}办理。");
        if (t.RequiresReason && string.IsNullOrWhiteSpace(reason))
            throw new DomainException($"“{_actionName(action)}”必须填写理由。");
        return t;
    }
}
