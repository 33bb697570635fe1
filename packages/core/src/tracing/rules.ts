import { UnknownRuleError } from './errors.js';
import { TRACING_RULES, type TracingRule } from './types.js';

export function isTracingRule(value: unknown): value is TracingRule {
  return (TRACING_RULES as readonly unknown[]).includes(value);
}

export function parseTracingRule(text: string): TracingRule {
  if (!isTracingRule(text)) throw new UnknownRuleError(text);
  return text;
}
