// Analyzer plugin: an element's events in custom-elements.json are exactly the ones its JSDoc names
// with `@fires`. The analyzer also guesses events from `this.dispatchEvent(new X(arg))` and takes
// `arg` for the name (`task`, `agent`) or none at all; those guesses are dropped here, and each
// documented event gets its typed class from src/events.ts (`static readonly eventName = '…'`).
//
// It fails the run (exit code 1, one line per problem) when a class dispatches an event, or the
// analyzer reports one, that no `@fires` names, or when a `@fires` has no description: the JSDoc
// is what Storybook and IDEs show, so it must not fall behind the code.

/** @param {import('typescript')} ts @param {import('typescript').Node} node @param {(n: import('typescript').Node) => void} visit */
function walk(ts, node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(ts, child, visit));
}

/** `static readonly eventName = 'care-…'` of an Event subclass, or undefined. */
function staticEventName(ts, node) {
  for (const member of node.members) {
    const isStatic = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static;
    if (isStatic && ts.isPropertyDeclaration(member) && member.name.getText() === 'eventName') {
      if (member.initializer && ts.isStringLiteralLike(member.initializer)) return member.initializer.text;
    }
  }
  return undefined;
}

/** The names in the class's `@fires` / `@event` tags: `@fires name - text` or `@fires {Type} name - text`. */
function documentedNames(ts, node) {
  const names = [];
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== 'fires' && tag.tagName.text !== 'event') continue;
    const comment = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '';
    const name = comment.replace(/^\{[^}]*\}\s*/, '').split(/\s/)[0];
    if (name) names.push(name);
  }
  return names;
}

/** Every `this.dispatchEvent(new X(…))` in the class, wherever it sits (methods, arrow fields, accessors). */
function dispatchedEvents(ts, node) {
  const found = [];
  walk(ts, node, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    if (n.expression.name.text !== 'dispatchEvent' || n.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
    const [arg] = n.arguments;
    if (!arg || !ts.isNewExpression(arg)) {
      found.push({ className: undefined, literal: undefined, line: line(n) });
      return;
    }
    const first = arg.arguments?.[0];
    found.push({
      // `new kit.CareActivityMovedEvent(…)` is the class handed over in an object: its own name counts.
      className: arg.expression.getText().split('.').pop(),
      literal: first && ts.isStringLiteralLike(first) ? first.text : undefined,
      argument: first?.getText(),
      line: line(n),
    });
  });
  return found;
  function line(n) {
    return n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
  }
}

export function documentedEventsPlugin() {
  /** Event class name → event name, from every `static readonly eventName` in the sources. */
  const eventNameOf = new Map();
  /** `path#Class` → what the JSDoc names and what the code dispatches. */
  const classes = new Map();
  const problems = [];

  return {
    name: 'care-kit/documented-events',
    collectPhase({ ts, node }) {
      if (ts.isClassDeclaration(node) && node.name) {
        const eventName = staticEventName(ts, node);
        if (eventName) eventNameOf.set(node.name.text, eventName);
      }
    },
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      classes.set(`${moduleDoc.path}#${node.name.text}`, {
        documented: documentedNames(ts, node),
        dispatched: dispatchedEvents(ts, node),
      });
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const info = classes.get(`${moduleDoc.path}#${declaration.name}`);
        if (declaration.kind !== 'class' || !info) continue;
        const where = `${moduleDoc.path} (${declaration.name})`;
        const documented = new Set(info.documented);

        for (const { className, literal, line } of info.dispatched) {
          const name = eventNameOf.get(className) ?? literal;
          if (!name) {
            problems.push(`${moduleDoc.path}:${line}: dispatches ${className ? `new ${className}(…)` : 'an event'} whose name cannot be read; dispatch a typed event from src/events.ts`);
          } else if (!documented.has(name)) {
            problems.push(`${moduleDoc.path}:${line}: ${declaration.name} dispatches '${name}' but its JSDoc has no \`@fires ${name} - …\``);
          }
        }

        const kept = [];
        for (const event of declaration.events ?? []) {
          // The analyzer merges a `@fires` into a guess of the same name, so a documented name is the JSDoc's entry.
          if (event.name !== undefined && documented.has(event.name)) {
            if (!event.description?.trim()) problems.push(`${where}: \`@fires ${event.name}\` has no description`);
            const typeName = [...eventNameOf].find(([, n]) => n === event.name)?.[0];
            kept.push(!event.type && typeName ? { ...event, type: { text: typeName } } : event);
            continue;
          }
          // A guess from a dispatch: fine when it is a documented event under another name, a problem otherwise.
          const name = eventNameOf.get(event.type?.text) ?? event.name;
          // A class handed over in an object leaves the analyzer with the argument for a name (or none):
          // fine when that dispatch is of a documented typed event.
          const identifier = (text) => /^[A-Za-z_$][\w$]*$/.test(text ?? '');
          const typedDispatch = info.dispatched.some(
            (d) =>
              !event.type?.text &&
              (event.name === undefined ? !identifier(d.argument) : event.name === d.argument) &&
              documented.has(eventNameOf.get(d.className)),
          );
          if (typedDispatch) continue;
          if (!name || !documented.has(name)) {
            problems.push(`${where}: the analyzer found event ${JSON.stringify(event)} that no \`@fires\` names`);
          }
        }
        if (kept.length) declaration.events = kept;
        else delete declaration.events;
      }
    },
    packageLinkPhase() {
      if (!problems.length) return;
      for (const problem of problems) console.error(`custom-elements.json: ${problem}`);
      process.exitCode = 1;
    },
  };
}
