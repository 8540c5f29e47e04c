export function OperatorPage() {
  return (
    <section>
      <h1>OperatorPage</h1>
    </section>
  );
}
