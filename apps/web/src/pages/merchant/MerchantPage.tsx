export function MerchantPage() {
  return (
    <section>
      <h1>MerchantPage</h1>
    </section>
  );
}
