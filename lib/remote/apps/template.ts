import type { TemplateVariable } from "@/lib/validation/apps";

/** What a recipe's template may say about the VM it runs on. */
export interface TemplateVm {
  vmName: string;
  publicIp: string | null;
  privateIp: string | null;
}

/** The values of the template variables for one VM: `host` is how others reach it. */
export function templateValues(vm: TemplateVm): Record<TemplateVariable, string> {
  return { host: vm.publicIp ?? vm.privateIp ?? vm.vmName, publicIp: vm.publicIp ?? "", privateIp: vm.privateIp ?? "", vmName: vm.vmName };
}

/** One shell word holding exactly `value`: bare when nothing in it is special to sh, single-quoted otherwise. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_.,:@%+=/-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function fill(text: string, values: Record<string, string>, quote: (v: string) => string): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, name: string) => (name in values ? quote(values[name]) : whole));
}

/** A step's command for one VM: each value is one shell word, whatever it holds. */
export function renderCommand(text: string, vm: TemplateVm): string {
  return fill(text, templateValues(vm), shellQuote);
}

/** A recipe's url for one VM (an IPv6 host goes in brackets, as URLs want it). */
export function renderUrl(text: string, vm: TemplateVm): string {
  const values = templateValues(vm);
  return fill(text, { ...values, host: values.host.includes(":") ? `[${values.host}]` : values.host }, (v) => v);
}
