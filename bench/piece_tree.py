# Independent piece-tree implementation (hashlib only): prints size, tree root and SHA-256 for the sizes the
# Contracts tests check (test/Contracts.Tests/Content/PieceTreeTests.cs), over bytes (i * 7 + 3) mod 251.
import hashlib
P=1<<20
def data(n): return bytes((i*7+3)%251 for i in range(n))
def tree(b):
    if not b: return hashlib.sha256(b'').hexdigest()
    leaves=[hashlib.sha256(b[i:i+P]).digest() for i in range(0,len(b),P)]
    w=1
    while w<len(leaves): w*=2
    leaves+= [b'\0'*32]*(w-len(leaves))
    while len(leaves)>1:
        leaves=[hashlib.sha256(leaves[i]+leaves[i+1]).digest() for i in range(0,len(leaves),2)]
    return leaves[0].hex()
for n in [0,1,P,P+1,6*P, 5*P+12345]:
    b=data(n); print(n, tree(b), hashlib.sha256(b).hexdigest())
