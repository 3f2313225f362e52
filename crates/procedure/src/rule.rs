//! Rules: a whitelisted subset of JSONLogic, parsed into a small expression tree when a
//! definition is read and evaluated by this module alone. A rule is plain JSON; no rule
//! can run code, loop without bound or reach anything but the answers.
//!
//! Differences from JSONLogic, chosen for authors' safety: `==` and `!=` never convert
//! types (they behave like `===`/`!==`, which are accepted as synonyms); arithmetic on
//! anything but numbers gives `null`; division by zero gives `null`; `count` is added
//! (number of instances of a repeatable group, or length of a list).

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Rules nest at most this deep, so evaluation depth is bounded.
pub const MAX_RULE_DEPTH: usize = 32;
/// At most this many operators and values in one rule.
pub const MAX_RULE_SIZE: usize = 2_000;

/// The operators a rule may use, as written in JSON.
pub const OPERATORS: &[&str] = &[
    "var", "==", "===", "!=", "!==", "<", "<=", ">", ">=", "and", "or", "!", "!!", "if", "?:", "+",
    "-", "*", "/", "%", "min", "max", "in", "count", "some", "all", "none",
];

/// A value during evaluation. Dates are ISO strings (so they order as text), money is
/// euros, yes/no is a boolean, multiple choice a list of codes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Val>),
    /// A repeatable group: how many instances it has.
    Group(u32),
}

impl Val {
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Val::Null => false,
            Val::Bool(b) => *b,
            Val::Num(n) => *n != 0.0 && !n.is_nan(),
            Val::Str(s) => !s.is_empty(),
            Val::List(l) => !l.is_empty(),
            Val::Group(n) => *n > 0,
        }
    }

    fn from_json(value: &Value) -> Option<Val> {
        Some(match value {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Num(n.as_f64()?),
            Value::String(s) => Val::Str(s.clone()),
            Value::Array(_) | Value::Object(_) => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Not,
    Truthy,
    If,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Min,
    Max,
    In,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quantifier {
    Some,
    All,
    None,
}

/// Where a `var` points, filled in when the definition is checked.
pub(crate) type NodeId = usize;

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Lit(Val),
    List(Vec<Expr>),
    Var {
        path: String,
        default: Option<Box<Expr>>,
        target: Option<NodeId>,
    },
    Op(Op, Vec<Expr>),
    Quant {
        quantifier: Quantifier,
        group: Box<Expr>,
        predicate: Box<Expr>,
    },
}

/// A rule of a definition: parsed and size-checked when read, its `var`s resolved to
/// fields when the definition is checked.
#[derive(Clone)]
pub struct Rule {
    pub(crate) expr: Expr,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({:?})", self.expr)
    }
}

impl Rule {
    /// Parses a JSONLogic value; the error says which operator or value is wrong.
    pub fn parse(value: &Value) -> Result<Rule, String> {
        let mut size = 0;
        Ok(Rule {
            expr: parse(value, 0, &mut size)?,
        })
    }

    /// Every `var` of the rule with the quantifier nesting it sits in, for checking.
    pub(crate) fn expr_mut(&mut self) -> &mut Expr {
        &mut self.expr
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Rule::parse(&value).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Rule {
    fn schema_name() -> Cow<'static, str> {
        "Rule".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A rule in the JSONLogic subset of docs/procedure-format.md: a literal, a list, or an object with exactly one operator.",
            "anyOf": [
                { "type": ["boolean", "number", "string", "null"] },
                { "type": "array", "items": { "$ref": "#/$defs/Rule" } },
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "propertyNames": { "enum": OPERATORS }
                }
            ]
        })
    }
}

fn parse(value: &Value, depth: usize, size: &mut usize) -> Result<Expr, String> {
    if depth > MAX_RULE_DEPTH {
        return Err(format!(
            "the rule nests deeper than {MAX_RULE_DEPTH} levels"
        ));
    }
    *size += 1;
    if *size > MAX_RULE_SIZE {
        return Err(format!("the rule has more than {MAX_RULE_SIZE} parts"));
    }
    match value {
        Value::Array(items) => Ok(Expr::List(
            items
                .iter()
                .map(|v| parse(v, depth + 1, size))
                .collect::<Result<_, _>>()?,
        )),
        Value::Object(map) => {
            let mut entries = map.iter();
            let (Some((name, args)), None) = (entries.next(), entries.next()) else {
                return Err(format!(
                    "a rule object must have exactly one operator, this one has {}",
                    map.len()
                ));
            };
            let args: Vec<&Value> = match args {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            parse_op(name, &args, depth, size)
        }
        scalar => Ok(Expr::Lit(
            Val::from_json(scalar).ok_or_else(|| "a number out of range".to_owned())?,
        )),
    }
}

fn parse_op(name: &str, args: &[&Value], depth: usize, size: &mut usize) -> Result<Expr, String> {
    if name == "var" {
        let (path, default) = match args {
            [Value::String(path)] => (path, None),
            [Value::String(path), default] => {
                (path, Some(Box::new(parse(default, depth + 1, size)?)))
            }
            _ => return Err("`var` takes a field path such as \"F00000013\" or \"G00000100.F00000013\", optionally with a default".to_owned()),
        };
        if path.is_empty() {
            return Err("`var` needs a field path; the whole answer set cannot be read".to_owned());
        }
        return Ok(Expr::Var {
            path: path.clone(),
            default,
            target: None,
        });
    }
    let quantifier = match name {
        "some" => Some(Quantifier::Some),
        "all" => Some(Quantifier::All),
        "none" => Some(Quantifier::None),
        _ => None,
    };
    if let Some(quantifier) = quantifier {
        let [group, predicate] = args else {
            return Err(format!("`{name}` takes a repeatable group and a rule"));
        };
        let group = parse(group, depth + 1, size)?;
        if !matches!(group, Expr::Var { .. }) {
            return Err(format!(
                "the first argument of `{name}` must be a `var` naming a repeatable group"
            ));
        }
        return Ok(Expr::Quant {
            quantifier,
            group: Box::new(group),
            predicate: Box::new(parse(predicate, depth + 1, size)?),
        });
    }
    let (op, arity): (Op, &dyn Fn(usize) -> bool) = match name {
        "==" | "===" => (Op::Eq, &|n| n == 2),
        "!=" | "!==" => (Op::Ne, &|n| n == 2),
        "<" => (Op::Lt, &|n| n == 2 || n == 3),
        "<=" => (Op::Le, &|n| n == 2 || n == 3),
        ">" => (Op::Gt, &|n| n == 2),
        ">=" => (Op::Ge, &|n| n == 2),
        "and" => (Op::And, &|n| n >= 1),
        "or" => (Op::Or, &|n| n >= 1),
        "!" => (Op::Not, &|n| n == 1),
        "!!" => (Op::Truthy, &|n| n == 1),
        "if" | "?:" => (Op::If, &|n| n >= 2),
        "+" => (Op::Add, &|n| n >= 1),
        "-" => (Op::Sub, &|n| n == 1 || n == 2),
        "*" => (Op::Mul, &|n| n >= 1),
        "/" => (Op::Div, &|n| n == 2),
        "%" => (Op::Rem, &|n| n == 2),
        "min" => (Op::Min, &|n| n >= 1),
        "max" => (Op::Max, &|n| n >= 1),
        "in" => (Op::In, &|n| n == 2),
        "count" => (Op::Count, &|n| n == 1),
        other => {
            return Err(format!(
                "unknown rule operator `{}`; allowed are {}",
                other.chars().take(40).collect::<String>(),
                OPERATORS.join(" ")
            ));
        }
    };
    if !arity(args.len()) {
        return Err(format!("`{name}` cannot take {} arguments", args.len()));
    }
    let args = args
        .iter()
        .map(|v| parse(v, depth + 1, size))
        .collect::<Result<_, _>>()?;
    Ok(Expr::Op(op, args))
}

/// What a rule can read: the value of a field (or instance count of a repeatable group)
/// in the instances bound by `scope` (group node → instance index).
pub(crate) trait Env {
    fn value(&mut self, node: NodeId, scope: &mut Scope) -> Val;
    fn instances(&mut self, group: NodeId, scope: &mut Scope) -> u32;
}

/// The group instances a rule is evaluated in: (group node, instance index), outermost
/// first.
pub(crate) type Scope = Vec<(NodeId, u32)>;

pub(crate) fn eval(expr: &Expr, env: &mut dyn Env, scope: &mut Scope) -> Val {
    match expr {
        Expr::Lit(v) => v.clone(),
        Expr::List(items) => Val::List(items.iter().map(|e| eval(e, env, scope)).collect()),
        Expr::Var {
            default, target, ..
        } => {
            // An unresolved var cannot reach evaluation: checking resolves every one.
            let value = target.map_or(Val::Null, |node| env.value(node, scope));
            match (value, default) {
                (Val::Null, Some(default)) => eval(default, env, scope),
                (value, _) => value,
            }
        }
        Expr::Quant {
            quantifier,
            group,
            predicate,
        } => {
            let Expr::Var {
                target: Some(node), ..
            } = group.as_ref()
            else {
                return Val::Null;
            };
            let count = env.instances(*node, scope);
            let mut any = false;
            let mut all = true;
            for index in 0..count {
                scope.push((*node, index));
                let hit = eval(predicate, env, scope).truthy();
                scope.pop();
                any |= hit;
                all &= hit;
            }
            Val::Bool(match quantifier {
                Quantifier::Some => any,
                Quantifier::All => count > 0 && all,
                Quantifier::None => !any,
            })
        }
        Expr::Op(op, args) => eval_op(*op, args, env, scope),
    }
}

fn num(v: &Val) -> Option<f64> {
    match v {
        Val::Num(n) => Some(*n),
        _ => None,
    }
}

fn equal(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x == y,
        (Val::Group(x), Val::Num(y)) | (Val::Num(y), Val::Group(x)) => f64::from(*x) == *y,
        _ => a == b,
    }
}

fn order(a: &Val, b: &Val) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
        (Val::Str(x), Val::Str(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn eval_op(op: Op, args: &[Expr], env: &mut dyn Env, scope: &mut Scope) -> Val {
    use std::cmp::Ordering::{Greater, Less};
    let arg = |i: usize, env: &mut dyn Env, scope: &mut Scope| match args.get(i) {
        Some(e) => eval(e, env, scope),
        None => Val::Null,
    };
    match op {
        // Short-circuiting operators evaluate lazily, like JSONLogic.
        Op::And => {
            let mut last = Val::Bool(true);
            for e in args {
                last = eval(e, env, scope);
                if !last.truthy() {
                    return last;
                }
            }
            last
        }
        Op::Or => {
            let mut last = Val::Bool(false);
            for e in args {
                last = eval(e, env, scope);
                if last.truthy() {
                    return last;
                }
            }
            last
        }
        Op::If => {
            let mut i = 0;
            while i + 1 < args.len() {
                if eval(&args[i], env, scope).truthy() {
                    return eval(&args[i + 1], env, scope);
                }
                i += 2;
            }
            if i < args.len() {
                eval(&args[i], env, scope)
            } else {
                Val::Null
            }
        }
        Op::Not => Val::Bool(!arg(0, env, scope).truthy()),
        Op::Truthy => Val::Bool(arg(0, env, scope).truthy()),
        Op::Eq => Val::Bool(equal(&arg(0, env, scope), &arg(1, env, scope))),
        Op::Ne => Val::Bool(!equal(&arg(0, env, scope), &arg(1, env, scope))),
        Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            let values: Vec<Val> = (0..args.len()).map(|i| arg(i, env, scope)).collect();
            let accepts = |o: Option<std::cmp::Ordering>| match (op, o) {
                (_, None) => false,
                (Op::Lt, Some(o)) => o == Less,
                (Op::Le, Some(o)) => o != Greater,
                (Op::Gt, Some(o)) => o == Greater,
                (_, Some(o)) => o != Less,
            };
            Val::Bool(values.windows(2).all(|w| accepts(order(&w[0], &w[1]))))
        }
        Op::Add | Op::Mul | Op::Min | Op::Max => {
            let mut acc: Option<f64> = None;
            for i in 0..args.len() {
                let Some(n) = num(&arg(i, env, scope)) else {
                    return Val::Null;
                };
                acc = Some(match (acc, op) {
                    (None, _) => n,
                    (Some(a), Op::Add) => a + n,
                    (Some(a), Op::Mul) => a * n,
                    (Some(a), Op::Min) => a.min(n),
                    (Some(a), _) => a.max(n),
                });
            }
            acc.filter(|n| n.is_finite()).map_or(Val::Null, Val::Num)
        }
        Op::Sub | Op::Div | Op::Rem => {
            let a = num(&arg(0, env, scope));
            let b = if args.len() > 1 {
                num(&arg(1, env, scope))
            } else {
                None
            };
            let result = match (op, a, b, args.len()) {
                (Op::Sub, Some(a), None, 1) => Some(-a),
                (Op::Sub, Some(a), Some(b), _) => Some(a - b),
                (Op::Div, Some(a), Some(b), _) if b != 0.0 => Some(a / b),
                (Op::Rem, Some(a), Some(b), _) if b != 0.0 => Some(a % b),
                _ => None,
            };
            result.filter(|n| n.is_finite()).map_or(Val::Null, Val::Num)
        }
        Op::In => {
            let needle = arg(0, env, scope);
            match (&needle, arg(1, env, scope)) {
                (Val::Str(n), Val::Str(hay)) => Val::Bool(hay.contains(n.as_str())),
                (_, Val::List(items)) => Val::Bool(items.iter().any(|i| equal(i, &needle))),
                _ => Val::Bool(false),
            }
        }
        Op::Count => match arg(0, env, scope) {
            Val::List(items) => Val::Num(items.len() as f64),
            Val::Group(n) => Val::Num(f64::from(n)),
            Val::Null => Val::Num(0.0),
            _ => Val::Null,
        },
    }
}

/// Called with a `var` (or the group `var` of a quantifier, then `true`) and the
/// quantified groups around it.
pub(crate) type VarVisitor<'v, E> = dyn FnMut(&mut Expr, &[NodeId], bool) -> Result<(), E> + 'v;

/// Calls `visit` for every `var` of `expr` with the quantifier groups it sits in (as the
/// `var` expressions naming them, innermost last).
pub(crate) fn visit_vars<E>(
    expr: &mut Expr,
    quantifiers: &mut Vec<NodeId>,
    visit: &mut VarVisitor<'_, E>,
) -> Result<(), E> {
    match expr {
        Expr::Lit(_) => Ok(()),
        Expr::List(items) | Expr::Op(_, items) => {
            for item in items {
                visit_vars(item, quantifiers, visit)?;
            }
            Ok(())
        }
        Expr::Var { .. } => {
            visit(expr, quantifiers, false)?;
            if let Expr::Var {
                default: Some(default),
                ..
            } = expr
            {
                visit_vars(default, quantifiers, visit)?;
            }
            Ok(())
        }
        Expr::Quant {
            group, predicate, ..
        } => {
            visit(group, quantifiers, true)?;
            let Expr::Var {
                target: Some(node), ..
            } = group.as_ref()
            else {
                return Ok(());
            };
            quantifiers.push(*node);
            let result = visit_vars(predicate, quantifiers, visit);
            quantifiers.pop();
            result
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Answers as a plain list: node i has value values[i].
    struct Fixed(Vec<Val>);

    impl Env for Fixed {
        fn value(&mut self, node: NodeId, _: &mut Scope) -> Val {
            self.0.get(node).cloned().unwrap_or(Val::Null)
        }
        fn instances(&mut self, _: NodeId, _: &mut Scope) -> u32 {
            0
        }
    }

    fn run(rule: serde_json::Value, values: Vec<Val>) -> Val {
        let mut rule = Rule::parse(&rule).expect("rule parses");
        // Resolve "F0000000n" to node n, as checking would.
        let _ = visit_vars::<()>(rule.expr_mut(), &mut Vec::new(), &mut |e, _, _| {
            if let Expr::Var { path, target, .. } = e {
                *target = path[1..].parse().ok();
            }
            Ok(())
        });
        eval(&rule.expr, &mut Fixed(values), &mut Vec::new())
    }

    #[test]
    fn comparisons_do_not_convert_types() {
        assert_eq!(run(json!({"==": [1, 1.0]}), vec![]), Val::Bool(true));
        assert_eq!(run(json!({"==": [1, "1"]}), vec![]), Val::Bool(false));
        assert_eq!(run(json!({"!=": [null, false]}), vec![]), Val::Bool(true));
        assert_eq!(
            run(json!({"<": ["2024-01-01", "2024-02-01"]}), vec![]),
            Val::Bool(true)
        );
        assert_eq!(run(json!({"<": [1, "2"]}), vec![]), Val::Bool(false));
        assert_eq!(run(json!({"<=": [1, 2, 2]}), vec![]), Val::Bool(true));
        assert_eq!(run(json!({"<": [1, 2, 2]}), vec![]), Val::Bool(false));
    }

    #[test]
    fn arithmetic_and_branches() {
        let fee = json!({"if": [
            {"<": [{"var": "F00000000"}, 1]}, 0,
            {"+": [96, {"*": [156, {"-": [{"var": "F00000000"}, 1]}]}]}
        ]});
        assert_eq!(run(fee.clone(), vec![Val::Num(0.0)]), Val::Num(0.0));
        assert_eq!(run(fee.clone(), vec![Val::Num(1.0)]), Val::Num(96.0));
        assert_eq!(run(fee, vec![Val::Num(3.0)]), Val::Num(408.0));
        assert_eq!(run(json!({"/": [1, 0]}), vec![]), Val::Null);
        assert_eq!(run(json!({"+": [1, "2"]}), vec![]), Val::Null);
        assert_eq!(run(json!({"-": [5]}), vec![]), Val::Num(-5.0));
        assert_eq!(run(json!({"max": [1, 7, 3]}), vec![]), Val::Num(7.0));
        assert_eq!(run(json!({"%": [7, 4]}), vec![]), Val::Num(3.0));
    }

    #[test]
    fn logic_short_circuits_and_returns_operands() {
        assert_eq!(
            run(json!({"and": [true, 0, {"/": [1, 0]}]}), vec![]),
            Val::Num(0.0)
        );
        assert_eq!(
            run(json!({"or": [false, "x"]}), vec![]),
            Val::Str("x".into())
        );
        assert_eq!(run(json!({"!": [[]]}), vec![]), Val::Bool(true));
        assert_eq!(run(json!({"!!": ["0"]}), vec![]), Val::Bool(true));
        assert_eq!(run(json!({"if": [false, 1]}), vec![]), Val::Null);
    }

    #[test]
    fn var_defaults_and_in() {
        assert_eq!(run(json!({"var": ["F00000001", 5]}), vec![]), Val::Num(5.0));
        let codes = Val::List(vec![Val::Str("a".into()), Val::Str("b".into())]);
        assert_eq!(
            run(json!({"in": ["b", {"var": "F00000000"}]}), vec![codes]),
            Val::Bool(true)
        );
        assert_eq!(
            run(json!({"in": ["ell", "Hello"]}), vec![]),
            Val::Bool(true)
        );
        assert_eq!(run(json!({"count": [[1, 2, 3]]}), vec![]), Val::Num(3.0));
    }

    #[test]
    fn bad_rules_are_rejected_with_reasons() {
        let cases = [
            (json!({"eval": "alert(1)"}), "unknown rule operator `eval`"),
            (json!({"==": [1]}), "`==` cannot take 1 arguments"),
            (json!({"==": [1, 2], "!=": [1, 2]}), "exactly one operator"),
            (json!({"var": ""}), "needs a field path"),
            (json!({"var": 3}), "`var` takes a field path"),
            (json!({"some": [[1], true]}), "must be a `var`"),
        ];
        for (rule, expected) in cases {
            let error = Rule::parse(&rule).expect_err("rule rejected");
            assert!(error.contains(expected), "{rule}: {error}");
        }
        let mut deep = json!(true);
        for _ in 0..40 {
            deep = json!({"!": [deep]});
        }
        assert!(
            Rule::parse(&deep)
                .expect_err("too deep")
                .contains("nests deeper")
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn leaf() -> impl Strategy<Value = serde_json::Value> {
            prop_oneof![
                any::<bool>().prop_map(|b| json!(b)),
                (-1000i32..1000).prop_map(|n| json!(n)),
                "[a-c]{0,2}".prop_map(|s| json!(s)),
                Just(json!(null)),
                (0usize..3).prop_map(|i| json!({"var": format!("F{i:08}")})),
            ]
        }

        /// Rules of allowed operators with fitting numbers of arguments.
        fn rule() -> impl Strategy<Value = serde_json::Value> {
            leaf().prop_recursive(6, 64, 4, |inner| {
                let with = |ops: Vec<&'static str>,
                            n: std::ops::Range<usize>,
                            inner: BoxedStrategy<serde_json::Value>| {
                    (prop::sample::select(ops), prop::collection::vec(inner, n))
                        .prop_map(|(op, args)| json!({ op: args }))
                };
                prop_oneof![
                    with(vec!["!", "!!", "count"], 1..2, inner.clone().boxed()),
                    with(
                        vec!["==", "!=", "<", "<=", ">", ">=", "/", "%", "in"],
                        2..3,
                        inner.clone().boxed()
                    ),
                    with(
                        vec!["and", "or", "+", "*", "min", "max"],
                        1..4,
                        inner.clone().boxed()
                    ),
                    with(vec!["if"], 2..5, inner.clone().boxed()),
                    with(vec!["-"], 1..3, inner.boxed()),
                ]
            })
        }

        proptest! {
            /// Any rule built from allowed operators either is rejected for its arity or
            /// evaluates without panicking, and evaluation is deterministic.
            #[test]
            fn evaluation_is_total_and_deterministic(r in rule(), a in -5i32..5, b in "[a-c]{0,2}") {
                let values = vec![Val::Num(f64::from(a)), Val::Str(b), Val::Bool(a > 0)];
                if Rule::parse(&r).is_ok() {
                    let first = run(r.clone(), values.clone());
                    let second = run(r, values);
                    prop_assert_eq!(first, second);
                }
            }

            /// `!` and `!!` agree with truthiness, and `and`/`or` obey De Morgan on it.
            #[test]
            fn boolean_laws(x in rule(), y in rule()) {
                prop_assume!(Rule::parse(&x).is_ok() && Rule::parse(&y).is_ok());
                let values = || vec![Val::Num(1.0), Val::Str("a".into()), Val::Bool(true)];
                let not_and = run(json!({"!": {"and": [x.clone(), y.clone()]}}), values());
                let or_not = run(json!({"or": [{"!": x.clone()}, {"!": y.clone()}]}), values());
                prop_assert_eq!(not_and.truthy(), or_not.truthy());
                let double = run(json!({"!!": x.clone()}), values());
                prop_assert_eq!(double, Val::Bool(run(x, values()).truthy()));
            }
        }
    }
}
