/** "Examples": the shared collections of operations/playground, grouped by audience; a click opens one in a new tab. */
import { useEditorContext } from '@graphiql/react';

export interface Example {
  audience: string;
  name: string;
  description: string;
  query: string;
}

export function examplesPanel(examples: Example[]) {
  return function ExamplesPanel() {
    const editor = useEditorContext({ nonNull: true });
    const audiences = [...new Set(examples.map((example) => example.audience))];
    return (
      <div className="playground-examples">
        {audiences.map((audience) => (
          <section key={audience}>
            <h3>{audience}</h3>
            <ul>
              {examples
                .filter((example) => example.audience === audience)
                .map((example) => (
                  <li key={example.name}>
                    <button
                      type="button"
                      className="graphiql-button"
                      onClick={() => {
                        editor.addTab();
                        editor.updateActiveTabValues({ query: example.query });
                        editor.queryEditor?.setValue(example.query);
                      }}
                    >
                      {example.name}
                    </button>
                    <p>{example.description}</p>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    );
  };
}
