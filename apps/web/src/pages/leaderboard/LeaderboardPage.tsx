export function LeaderboardPage() {
  return (
    <section>
      <h1>LeaderboardPage</h1>
    </section>
  );
}
