import statistics
from decimal import Decimal

prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10")]
total = sum(prices, Decimal("0"))
print(f"total {total} (double {float(total):g})")
tax = total * Decimal("0.0825")
print(f"tax {tax} -> {tax.quantize(Decimal('0.01'), rounding='ROUND_HALF_UP')} / "
      f"{tax.quantize(Decimal('0.01'), rounding='ROUND_DOWN')}")
print(f"mean {statistics.mean(prices)}, max {max(prices)}")
refund = prices[2] - prices[1]
print(f"refund {refund}, negative {1 if refund.is_signed() else 0}, 0.10 < 5.01 "
      f"{1 if prices[2] < prices[1] else 0}")
