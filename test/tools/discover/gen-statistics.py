import statistics as st

data = [2.5, 3.25, 5.5, 11.25, 11.75]
print("median %.6f" % st.median(data))
print("mean %.6f" % st.mean(data))
print("stdev %.6f" % st.stdev(data))
for q in st.quantiles(data, n=4):
    print("quartile %.6f" % q)
iq = st.NormalDist(100.0, 15.0)
print("cdf(130) %.6f" % iq.cdf(130))
print("inv_cdf(0.9) %.6f" % iq.inv_cdf(0.9))
fitted = st.NormalDist.from_samples(data)
print("fitted %.6f %.6f" % (fitted.mean, fitted.stdev))
try:
    st.median([])
except st.StatisticsError as error:
    print(f"{type(error).__name__}: {error}")
